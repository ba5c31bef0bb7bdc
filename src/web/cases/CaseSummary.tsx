import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseView } from '../../cases/case-schema.ts';
import type { CaseAction } from '../../cases/case-workflow.ts';
import { ageOn } from '../../domain/taxonomies.ts';
import { useFormat } from '../app/format.ts';
import { wallDay } from '../app/time-zone.ts';
import { useAssessments } from '../assessments/queries.ts';
import { useContacts } from '../contacts/queries.ts';
import { usePlacements } from '../placements/queries.ts';
import { useAttachments } from '../attachments/AttachmentsPanel.tsx';
import { useCaseReferrals } from '../referrals/queries.ts';
import { CaseStatusBadge, OverdueBadge, RiskBadge } from './CaseBadges.tsx';

type DeadlineKind = 'initial_assessment' | 'plan' | 'review';

/** The soonest deadline not yet met (initial assessment, plan, review), as the case's overdue list counts them. */
export function nextDeadline(view: CaseView): { kind: DeadlineKind; at: string } | null {
  if (view.status === 'closed') return null;
  const open: Array<{ kind: DeadlineKind; at: string }> = [];
  if (!view.initialAssessmentAt) open.push({ kind: 'initial_assessment', at: view.initialAssessmentDueAt });
  if (!view.planInForce) open.push({ kind: 'plan', at: view.planDueAt });
  else if (view.reviewDueAt) open.push({ kind: 'review', at: view.reviewDueAt });
  // An overdue deadline comes first; then the soonest.
  open.sort((a, b) => Number(view.overdue.includes(b.kind)) - Number(view.overdue.includes(a.kind)) || a.at.localeCompare(b.at));
  return open[0] ?? null;
}

/**
 * The header that stays at the top while the worker scrolls (position: sticky): who the child is,
 * how old, the risk, the status, who manages the case, the next deadline, when the child was last
 * seen, and the one next step the workflow expects of this reader.
 */
export function CaseSummary({ view, onNextStep }: { view: CaseView; onNextStep: (action: CaseAction) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const childName = `${view.child.givenName} ${view.child.familyName}`.trim();
  const age = view.child.birthDate ? ageOn(view.child.birthDate, wallDay(new Date())) : null;
  const deadline = nextDeadline(view);
  return (
    <header className="case-summary" aria-label={t('casepage.summary')} data-testid="case-summary">
      <div className="case-summary-line">
        <h1 data-testid="case-child"><Link to={`/children/${view.child.id}`}>{childName}</Link></h1>
        {age !== null && <span data-testid="case-age">{t('casepage.age', { count: age })}</span>}
        <RiskBadge level={view.riskLevel} />
        <CaseStatusBadge status={view.status} />
        {view.nextStep && (
          <button type="button" className="case-next-step" data-testid="case-next-step" data-next-step={view.nextStep}
            onClick={() => onNextStep(view.nextStep!)}>
            {t(`casepage.nextStep.${view.nextStep}`, { defaultValue: t(`cases.action.${view.nextStep}`) })}
          </button>
        )}
      </div>
      <dl className="case-summary-facts">
        <div><dt>{t('cases.field.owner')}</dt><dd data-testid="case-owner">{view.ownerName ?? t('cases.unassigned')}</dd></div>
        <div>
          <dt>{t('casepage.nextDeadline')}</dt>
          <dd data-testid="case-next-deadline" data-kind={deadline?.kind}>
            {deadline
              ? <>{t('casepage.deadlineOf', { what: t(`cases.overdueKind.${deadline.kind}`), at: format.date(deadline.at) })}{view.overdue.includes(deadline.kind) && <> <OverdueBadge /></>}</>
              : t('casepage.noDeadline')}
          </dd>
        </div>
        <div>
          <dt>{t('casepage.lastSeen')}</dt>
          <dd data-testid="case-last-seen">{view.childLastSeenAt ? format.date(view.childLastSeenAt) : t('cases.neverSeen')}</dd>
        </div>
      </dl>
    </header>
  );
}

/** In-page links to each section, with counts where the section's list is loaded anyway. */
export function CaseSectionNav({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const counts: Record<string, number | undefined> = {
    assessments: useAssessments(view.id).data?.items.length,
    contacts: useContacts(view.id).data?.items.length,
    referrals: useCaseReferrals(view.id).data?.items.length,
    placements: usePlacements(view.id).data?.items.length,
    attachments: useAttachments('case', view.id).data?.items.length,
  };
  const sections = ['assessments', 'plan', 'contacts', 'referrals', 'placements', 'crossBorder', 'attachments', 'details', 'timeline'] as const;
  const anchor = (s: (typeof sections)[number]) => (s === 'crossBorder' ? 'case-cross-border' : `case-${s}`);
  return (
    <nav className="case-section-nav" aria-label={t('casepage.nav.label')} data-testid="case-section-nav">
      <ul>
        {sections.map((s) => {
          const label = t(`casepage.nav.${s}`);
          const count = counts[s];
          return (
            <li key={s}>
              <a href={`#${anchor(s)}`} data-section={s}>{count === undefined ? label : t('casepage.withCount', { label, n: count })}</a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
