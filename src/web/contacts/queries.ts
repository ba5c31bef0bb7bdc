import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { enc, sectionKeys, useCasePost } from '../cases/section-queries.ts';
import type { ContactView } from './types.ts';

/** Key factory of the case's contacts. */
export const contactKeys = {
  list: (caseId: string) => sectionKeys.section(caseId, 'contacts'),
};

export function useContacts(caseId: string) {
  return useQuery({
    queryKey: contactKeys.list(caseId),
    queryFn: ({ signal }) => api<{ items: ContactView[] }>(`/cases/${enc(caseId)}/contacts`, { signal }),
  });
}
export const useRecordContact = (caseId: string) =>
  useCasePost<unknown, ContactView>(contactKeys.list(caseId), `/cases/${enc(caseId)}/contacts`, 'POST', true);
