import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RetentionPreview } from '../../retention/retention-schema.ts';
import { api } from '../app/api.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';

/**
 * The administrator's dry run of retention (GET /retention/due): what the next run would
 * anonymise in their country — case ids and numbers, closed and due days, never a name.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  usePageTitle(t('retention.due.title'));
  const format = useFormat();
  const query = useQuery({
    queryKey: ['retention', 'due'],
    queryFn: ({ signal }) => api<z.infer<typeof RetentionPreview>>('/retention/due', { signal }),
  });
  return (
    <section>
      <h1>{t('retention.due.title')}</h1>
      <p>{t('retention.due.intro')}</p>
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} /> : (
        <>
          <p data-testid="retention-counts">
            {t('retention.due.children', { count: query.data.due.length })} · {t('retention.due.held', { count: query.data.held })}
          </p>
          {query.data.due.length === 0 ? <p>{t('retention.due.none')}</p> : (
            <div className="table-scroll">
              <table>
                <caption>{t('retention.due.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('retention.due.case')}</th>
                    <th scope="col">{t('retention.due.closedOn')}</th>
                    <th scope="col">{t('retention.due.dueOn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {query.data.due.flatMap((child) => child.cases.map((c) => (
                    <tr key={c.caseId}>
                      <td>{c.caseRef ?? c.caseId}</td>
                      <td>{format.date(c.closedOn)}</td>
                      <td>{format.date(c.dueOn)}</td>
                    </tr>
                  )))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
