import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseAction } from '../../cases/case-workflow.ts';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { AssessmentsSection } from '../assessments/AssessmentsSection.tsx';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel.tsx';
import { ContactsSection } from '../contacts/ContactsSection.tsx';
import { PlacementsSection } from '../placements/PlacementsSection.tsx';
import { PlansSection } from '../plans/PlansSection.tsx';
import { ReferralsSection } from '../referrals/ReferralsSection.tsx';
import { LegalHoldPanel } from '../retention/LegalHoldPanel.tsx';
import { CaseActionBar } from './CaseActionBar.tsx';
import { CaseDetails } from './CaseDetails.tsx';
import { CaseSectionNav, CaseSummary } from './CaseSummary.tsx';
import { CaseTimelineSection } from './CaseTimeline.tsx';
import { CrossBorderList } from './CrossBorder.tsx';
import { NEXT_STEP_SECTION, NextStepContext, type NextStepRequest } from './next-step.ts';
import { useCase } from './queries.ts';

/**
 * One case: a summary that stays at the top (with the one next step the workflow expects and
 * links to each section), the case's own decisions, then its sections and the timeline. Weighty,
 * rare actions (closure, transfer, cross-border, reopen, print) wait behind "More actions".
 */
export function CasePage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.pageTitle'));
  const { caseId = '' } = useParams();
  const kase = useCase(caseId);
  const [request, setRequest] = useState<NextStepRequest | null>(null);

  if (kase.isPending) return <Loading />;
  if (kase.isError) return <LoadFailed title={t('cases.pageTitle')} error={kase.error} backTo="/cases" backLabel={t('cases.backToList')} retry={() => kase.refetch()} />;
  const view = kase.data;

  const goTo = (action: CaseAction) => {
    setRequest((r) => ({ action, seq: (r?.seq ?? 0) + 1 }));
    const target = document.getElementById(NEXT_STEP_SECTION[action] ?? 'case-details');
    target?.scrollIntoView?.({ block: 'start' });
    // The case's own decisions are buttons of the action bar: focus the one asked for.
    const button = target?.querySelector<HTMLElement>(`[data-action="${action}"]`);
    (button ?? target)?.focus();
  };

  return (
    <section className="case-page">
      <p><Link to="/cases">{t('cases.backToList')}</Link></p>
      <div className="case-sticky">
        <CaseSummary view={view} onNextStep={goTo} />
        <CaseSectionNav view={view} />
      </div>
      {view.overdue.length > 0 && (
        <p className="alert alert-error" role="status" data-testid="case-overdue">
          {t('cases.overdueNote', { items: view.overdue.map((o) => t(`cases.overdueKind.${o}`)).join(', ') })}
        </p>
      )}
      {!view.fullAccess && <p className="alert alert-info">{t('cases.partialAccess')}</p>}
      <NextStepContext.Provider value={request}>
        <Anchor id="case-actions"><CaseActionBar caseView={view} /></Anchor>
        <Anchor id="case-assessments"><AssessmentsSection caseView={view} /></Anchor>
        <Anchor id="case-plan"><PlansSection caseView={view} /></Anchor>
        <Anchor id="case-contacts"><ContactsSection caseView={view} /></Anchor>
        <Anchor id="case-referrals"><ReferralsSection caseView={view} /></Anchor>
        <Anchor id="case-placements"><PlacementsSection caseView={view} /></Anchor>
        <Anchor id="case-cross-border"><CrossBorderList caseView={view} /></Anchor>
        <Anchor id="case-attachments"><AttachmentsPanel ownerKind="case" ownerId={view.id} canAdd={view.status !== 'closed'} /></Anchor>
        {view.fullAccess && <Anchor id="case-legal-hold"><LegalHoldPanel caseId={view.id} /></Anchor>}
        <Anchor id="case-details">
          <section className="casework-section" aria-labelledby="case-details-title">
            <h2 id="case-details-title">{t('casepage.details')}</h2>
            <CaseDetails view={view} />
          </section>
        </Anchor>
        <Anchor id="case-timeline"><CaseTimelineSection caseId={view.id} /></Anchor>
      </NextStepContext.Provider>
    </section>
  );
}

/** A target of the section links, below the sticky summary when scrolled to; focusable so a keyboard follows the link. */
function Anchor({ id, children }: { id: string; children: ReactNode }) {
  return <div id={id} className="case-anchor" tabIndex={-1}>{children}</div>;
}
