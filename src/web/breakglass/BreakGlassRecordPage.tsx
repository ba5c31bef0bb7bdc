import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { ChildDetails } from '../children/ChildDetails.tsx';
import { useGrantRecord } from './queries.ts';

/**
 * The child's record through an emergency access grant: read-only (no edit anywhere), marked as
 * such, until the grant expires (then the server answers 404 and the page says the access is gone).
 * The child as a reader outside the unit sees it, and each case's status, risk, unit and worker:
 * enough to call the unit; the case narrative stays with the unit.
 */
export function BreakGlassRecordPage() {
  const { t } = useTranslation();
  usePageTitle(t('breakGlass.title'));
  const format = useFormat();
  const { grantId = '' } = useParams();
  const record = useGrantRecord(grantId);
  if (record.isPending) return <Loading what={t('breakGlass.title')} />;
  if (record.isError) {
    return <LoadFailed title={t('breakGlass.record.gone')} error={record.error} retry={() => record.refetch()} backTo="/break-glass" backLabel={t('breakGlass.record.back')} />;
  }
  const { grant, child, cases } = record.data;
  return (
    <section className="break-glass-record">
      <p><Link to="/break-glass">{t('breakGlass.record.back')}</Link></p>
      <h1>{t('breakGlass.title')}</h1>
      <p className="alert alert-warning" role="note" data-testid="break-glass-banner">{t('breakGlass.record.banner', { until: format.dateTime(grant.expiresAt) })}</p>
      <h2>{t('breakGlass.record.childTitle')}</h2>
      <ChildDetails child={child} />
      <h2>{t('breakGlass.record.casesTitle')}</h2>
      {cases.length === 0 ? <p>{t('breakGlass.record.casesNone')}</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('breakGlass.record.casesTitle')}>
          <table data-testid="break-glass-cases">
            <caption className="visually-hidden">{t('breakGlass.record.casesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('breakGlass.case.ref')}</th><th scope="col">{t('breakGlass.case.status')}</th><th scope="col">{t('breakGlass.case.riskLevel')}</th>
                <th scope="col">{t('breakGlass.col.unit')}</th><th scope="col">{t('breakGlass.case.owner')}</th><th scope="col">{t('breakGlass.case.openedAt')}</th><th scope="col">{t('breakGlass.case.closedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((k) => (
                <tr key={k.id}>
                  <td>{k.ref}</td>
                  <td>{t(`cases.status.${k.status}`)}</td>
                  <td>{t(`taxonomy:riskLevel.${k.riskLevel}`)}</td>
                  <td>{k.unitName}</td>
                  <td>{k.ownerName ?? t('breakGlass.record.ownerNone')}</td>
                  <td>{format.date(k.openedAt)}</td>
                  <td>{k.closedAt ? format.date(k.closedAt) : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
