import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useAssignCases, useCaseload } from './queries.ts';

/**
 * The supervisor's bar above the case list once cases are ticked: how many, the unit's worker to
 * give them to, Assign. All or none: when the server refuses some (out of reach, or a status that
 * does not allow assigning), it names them by their place in the request and nothing changes; the
 * bar names them back by the child (or reference) the list showed.
 */
export function CaseBulkAssign({ selected, labelOf, onDone }: {
  selected: ReadonlySet<string>;
  labelOf: (id: string) => string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const caseload = useCaseload();
  const assign = useAssignCases();
  const [ownerId, setOwnerId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const workers = (caseload.data?.workers ?? []).filter((w): w is typeof w & { userId: string } => w.userId !== null);
  const ids = [...selected];

  const refused = (() => {
    const error = assign.error;
    if (!isApiError(error) || (error.status !== 404 && error.status !== 409)) return null;
    const names = error.issues.map((i) => /^caseIds\.(\d+)$/.exec(i.path)?.[1]).filter((n): n is string => n !== undefined)
      .map((n) => labelOf(assign.variables?.caseIds[Number(n)] ?? ''));
    if (names.length === 0) return null;
    return t(error.status === 404 ? 'lists.cases.notInReach' : 'lists.cases.notAllowed', { names: names.join(', ') });
  })();

  return (
    <>
      {done && <p className="alert alert-success" role="status" data-testid="bulk-assigned">{done}</p>}
      {ids.length > 0 && (
        <form className="bulk-bar" aria-label={t('lists.cases.selected', { count: ids.length })} data-testid="bulk-assign"
          onSubmit={(e) => {
            e.preventDefault();
            if (!ownerId) return;
            setDone(null);
            assign.mutate({ caseIds: ids, ownerId }, {
              onSuccess: (answer) => {
                setDone(t('lists.cases.assigned', { count: answer.assigned.length, name: answer.ownerName }));
                onDone();
              },
            });
          }}>
          <p role="status">{t('lists.cases.selected', { count: ids.length })}</p>
          <div className="field">
            <label htmlFor="bulk-owner">{t('lists.cases.assignTo')}</label>
            <select id="bulk-owner" required value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">{t('lists.cases.chooseWorker')}</option>
              {workers.map((w) => <option key={w.userId} value={w.userId}>{w.name}</option>)}
            </select>
          </div>
          <button type="submit" disabled={assign.isPending || !ownerId} data-testid="bulk-assign-submit">{t('lists.cases.assign')}</button>
          <button type="button" className="button-secondary" onClick={onDone}>{t('lists.cases.clearSelection')}</button>
          {assign.isError && (refused ? <p className="alert alert-error" role="alert">{refused}</p> : <ErrorMessage error={assign.error} />)}
        </form>
      )}
    </>
  );
}
