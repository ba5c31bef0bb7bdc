import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../cases/case-workflow.ts';
import type { CaseView } from '../../cases/case-schema.ts';
import { apiUrl, isApiError } from '../app/api.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { AssignForm, ClosureForm, DeclineTransferForm, type FormProps, ReopenForm, ReturnClosureForm, type Send, TransferForm } from './case-forms.tsx';
import { CrossBorderForm } from './CrossBorder.tsx';
import { caseKeys, useCaseCommand } from './queries.ts';

/**
 * The case's own actions, in this order. The buttons shown are exactly these filtered by
 * `caseView.allowed` (the server's CASE_WORKFLOW narrowed by the reader's relationship): the page
 * never decides by role or status itself. Section actions (assessments, plans…) live in the sections.
 * The decisions waiting on the reader come first; weighty, rare actions wait behind "More actions".
 */
const BAR: readonly CaseAction[] = ['approve_closure', 'return_closure', 'accept_transfer', 'decline_transfer', 'assign'];
const MORE: readonly CaseAction[] = ['request_closure', 'request_transfer', 'cancel_transfer', 'send_cross_border', 'reopen'];

/** Actions that need a few answers first; the others are sent at one click. */
const FORMS: Partial<Record<CaseAction, (p: FormProps) => React.JSX.Element>> = {
  assign: AssignForm,
  request_closure: ClosureForm,
  return_closure: ReturnClosureForm,
  reopen: ReopenForm,
  request_transfer: TransferForm,
  decline_transfer: DeclineTransferForm,
  send_cross_border: CrossBorderForm,
};

function directCommand(action: CaseAction, view: CaseView): { path: string; body: unknown } | null {
  const id = encodeURIComponent(view.id);
  const transfer = encodeURIComponent(view.pendingTransfer?.id ?? '');
  switch (action) {
    case 'approve_closure': return { path: `/cases/${id}/closure/approve`, body: { version: view.version } };
    case 'accept_transfer': return { path: `/transfers/${transfer}/accept`, body: { version: view.version } };
    case 'cancel_transfer': return { path: `/transfers/${transfer}/cancel`, body: {} };
    default: return null;
  }
}

/** A refused action: the case changed under the reader. Shows what the case allows now. */
interface Refusal { message: string; allowed: CaseAction[] | null }

export function CaseActionBar({ caseView }: { caseView: CaseView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const command = useCaseCommand(caseView.id);
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<CaseAction | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);
  const actions = BAR.filter((a) => caseView.allowed.includes(a));
  const more = MORE.filter((a) => caseView.allowed.includes(a));

  const send = (action: CaseAction): Send => (path, body, onIssues) => {
    setRefusal(null);
    setDone(null);
    command.mutate({ path, body }, {
      onSuccess: () => { setOpen(null); setDone(action); },
      onError: (error) => {
        if (isApiError(error, 409)) {
          const allowed = Array.isArray(error.body.allowed) ? (error.body.allowed as CaseAction[]) : null;
          setRefusal({ message: error.message, allowed });
          setOpen(null);
          // The page behind shows the case as it now is (its status, version and buttons).
          void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseView.id) });
          return;
        }
        onIssues?.(error);
      },
    });
  };

  const click = (action: CaseAction) => {
    const direct = directCommand(action, caseView);
    if (direct) send(action)(direct.path, direct.body);
    else { setOpen(open === action ? null : action); setRefusal(null); command.reset(); }
  };

  const Form = open ? FORMS[open] : undefined;
  const button = (a: CaseAction, secondary: boolean) => (
    <button key={a} type="button" data-action={a} disabled={command.isPending}
      className={secondary || open === a ? 'button-secondary' : undefined} aria-expanded={FORMS[a] ? open === a : undefined}
      onClick={() => click(a)}>
      {t(`cases.action.${a}`)}
    </button>
  );
  return (
    <section className="case-actions" aria-label={t('cases.actionsTitle')} data-testid="case-actions">
      {actions.length > 0 && <div className="case-action-buttons">{actions.map((a) => button(a, false))}</div>}
      <div className="case-more">
        <button type="button" className="button-secondary case-more-toggle" aria-expanded={moreOpen} aria-controls="case-more-actions"
          data-testid="case-more-toggle" onClick={() => setMoreOpen(!moreOpen)}>
          {t('casepage.moreActions')}
        </button>
        <div id="case-more-actions" className="case-action-buttons" data-testid="case-more-actions" hidden={!moreOpen}>
          {more.map((a) => button(a, true))}
          <a className="button button-secondary" href={apiUrl(`/cases/${encodeURIComponent(caseView.id)}/print.pdf`, { lang: i18n.language })}
            download data-testid="case-print" title={t('casepage.printHint')}>
            {t('casepage.print')}
          </a>
        </div>
      </div>
      {done && <p className="alert alert-success" role="status" data-testid="case-action-done">{t('cases.done', { action: t(`cases.action.${done}`) })}</p>}
      {refusal && (
        <div className="alert alert-error" role="alert" data-testid="case-conflict">
          <p>{t('cases.conflict.intro')}</p>
          {refusal.allowed ? (
            refusal.allowed.length > 0 ? (
              <p>{t('cases.conflict.allowed', { actions: refusal.allowed.map((a) => t(`cases.action.${a}`)).join(', ') })}</p>
            ) : <p>{t('cases.conflict.nothingAllowed')}</p>
          ) : <p>{t('cases.conflict.stale')}</p>}
        </div>
      )}
      {command.isError && !refusal && !isApiError(command.error, 400) && <ErrorMessage error={command.error} />}
      {command.isError && isApiError(command.error, 400) && <p className="alert alert-error" role="alert">{t('errors.invalid')}</p>}
      {Form && open && <Form caseView={caseView} send={send(open)} busy={command.isPending} onCancel={() => setOpen(null)} />}
    </section>
  );
}
