// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AssessmentsSection } from '../assessments/AssessmentsSection.tsx';
import { ContactsSection } from '../contacts/ContactsSection.tsx';
import { PlacementsSection } from '../placements/PlacementsSection.tsx';
import { PlansSection } from '../plans/PlansSection.tsx';
import { ReferralsSection } from '../referrals/ReferralsSection.tsx';
import { caseView, emptySections, fakeApi, renderSection } from './test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The case page's sections together against a fake of the HTTP API (the boundary, not our database). */
usePageTestLifecycle();

describe('buttons follow the case view\'s allowed actions', () => {
  it('offers nothing to record when nothing is allowed', async () => {
    fakeApi(null, emptySections);
    const cv = caseView({ allowed: [] });
    renderSection(<><AssessmentsSection caseView={cv} /><PlansSection caseView={cv} /><ContactsSection caseView={cv} /><PlacementsSection caseView={cv} /><ReferralsSection caseView={cv} /></>);
    await screen.findByText('No assessment yet.');
    await screen.findByText('No plan is being prepared.');
    await screen.findByText('No referral yet.');
    await screen.findByText('No contact recorded yet.');
    await screen.findByText('The child is not in a placement.');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('offers exactly the allowed ones', async () => {
    fakeApi(null, emptySections);
    const cv = caseView({ allowed: ['record_initial_assessment', 'record_contact', 'refer', 'edit_plan'] });
    renderSection(<><AssessmentsSection caseView={cv} /><PlansSection caseView={cv} /><ContactsSection caseView={cv} /><PlacementsSection caseView={cv} /><ReferralsSection caseView={cv} /></>);
    await screen.findByTestId('new-assessment-initial');
    expect(screen.queryByTestId('new-assessment-risk')).toBeNull();
    expect(screen.queryByTestId('new-assessment-comprehensive')).toBeNull();
    expect(await screen.findByTestId('new-contact')).toBeTruthy();
    expect(await screen.findByTestId('new-referral')).toBeTruthy();
    expect(await screen.findByTestId('plan-new')).toBeTruthy();
    await screen.findByText('The child is not in a placement.');
    expect(screen.queryByTestId('new-placement')).toBeNull();
  });
});
