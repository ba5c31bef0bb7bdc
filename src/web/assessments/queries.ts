import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { enc, sectionKeys, useCasePost } from '../cases/section-queries.ts';
import type { AssessmentList, AssessmentView } from './types.ts';

/** Key factory of the case's assessments. */
export const assessmentKeys = {
  list: (caseId: string) => sectionKeys.section(caseId, 'assessments'),
};

export function useAssessments(caseId: string) {
  return useQuery({
    queryKey: assessmentKeys.list(caseId),
    queryFn: ({ signal }) => api<AssessmentList>(`/cases/${enc(caseId)}/assessments`, { signal }),
  });
}
export const useRecordAssessment = (caseId: string) =>
  useCasePost<unknown, AssessmentView>(assessmentKeys.list(caseId), `/cases/${enc(caseId)}/assessments`, 'POST', true);
