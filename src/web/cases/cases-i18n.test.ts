import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS, CASE_DECISION_KINDS, CASE_EVENT_KINDS, CASE_STATUSES, CLOSURE_REASONS, CONSENT_ANSWERS, CROSS_BORDER_LANGUAGE, PLACEMENT_KINDS,
} from '../../cases/case-workflow.ts';
import { LANGUAGES, resources } from '../../domain/i18n/i18n-resources.ts';
import { CaseOverdue } from '../../cases/case-schema.ts';

/** The case pages build keys from the shared code lists; each code needs a label in every language. */
const LISTS: Record<string, readonly string[]> = {
  status: CASE_STATUSES,
  action: CASE_ACTIONS,
  event: CASE_EVENT_KINDS,
  closureReason: CLOSURE_REASONS,
  decision: CASE_DECISION_KINDS,
  overdueKind: CaseOverdue.options,
  placementKind: PLACEMENT_KINDS,
  consent: CONSENT_ANSWERS,
  country: Object.keys(CROSS_BORDER_LANGUAGE),
};

describe('case labels', () => {
  for (const language of LANGUAGES) {
    it(`${language}: every status, action, event kind, reason and country has a label`, () => {
      const cases = (resources[language].ui as unknown as { cases: Record<string, Record<string, string>> }).cases;
      for (const [list, codes] of Object.entries(LISTS)) {
        for (const code of codes) expect(cases[list]?.[code]?.trim(), `${language} cases.${list}.${code}`).toBeTruthy();
      }
    });
  }
});
