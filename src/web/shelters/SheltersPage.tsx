import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../app/api.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { oneOf } from '../app/url-filters.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useJurisdictions } from '../jurisdictions/queries.ts';
import { type StayStatus, useBedsFree, useStays } from './queries.ts';
import { StayLinkState } from './StayBadges.tsx';

const STATUSES: readonly StayStatus[] = ['current', 'unlinked', 'discharged', 'all'];

/** Shelter staff work in a shelter; a unit follows its children's stays; both, and the police-station team, see beds free. */
export function useShelterRole() {
  const me = useCurrentUser();
  const staff = me.roles.includes('provider') && me.organisation.sector === 'shelter';
  const unit = me.organisation.isProtectionUnit && (me.roles.includes('caseworker') || me.roles.includes('supervisor'));
  return { staff, unit };
}

/** Beds free now in the shelters of the country; the stays of the shelter (its staff) or of the unit's children. */
export function SheltersPage() {
  const { t } = useTranslation();
  const { staff, unit } = useShelterRole();
  usePageTitle(t('shelters.title'));
  return (
    <section data-testid="shelters-page">
      <h1>{t('shelters.title')}</h1>
      <BedsFreePanel />
      {(staff || unit) && <StaysPanel staff={staff} />}
    </section>
  );
}

function BedsFreePanel() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const regions = useJurisdictions({ parent: me.organisation.country });
  const region = regions.data?.some((r) => r.code === params.get('region')) ? params.get('region')! : '';
  const query = useBedsFree(region);
  const setRegion = (code: string) => setParams((p) => {
    const next = new URLSearchParams(p);
    if (code) next.set('region', code); else next.delete('region');
    return next;
  });
  return (
    <section className="panel" aria-labelledby="beds-free-title" data-testid="beds-free">
      <h2 id="beds-free-title">{t('shelters.bedsFree.title')}</h2>
      <div className="field">
        <label htmlFor="beds-free-region">{t('jurisdictions.level.region')}</label>
        <select id="beds-free-region" value={region} onChange={(e) => setRegion(e.target.value)}>
          <option value="">{t('reports.filters.wholeCountry')}</option>
          {(regions.data ?? []).map((r) => <option key={r.code} value={r.code}>{jurisdictionLabel(r, r.code)}</option>)}
        </select>
      </div>
      {query.isPending ? <Loading /> : query.isError ? (
        isApiError(query.error, 403) ? <p>{t('shelters.bedsFree.notForYou')}</p> : <ErrorMessage error={query.error} retry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? <p>{t('shelters.bedsFree.none')}</p> : (
        <>
          <p>{t('shelters.bedsFree.intro')}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('shelters.bedsFree.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('shelters.bedsFree.shelter')}</th>
                  <th scope="col">{t('shelters.bedsFree.place')}</th>
                  <th scope="col">{t('shelters.bedsFree.beds')}</th>
                  <th scope="col">{t('shelters.bedsFree.motherChild')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((s) => (
                  <tr key={s.id} data-testid="beds-free-row" data-shelter={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{s.jurisdictionName}</td>
                    <td data-testid="beds-free-beds">
                      {s.beds == null ? t('shelters.bedsFree.unknown') : t('shelters.bedsFree.ofTotal', { free: s.bedsFree, total: s.beds })}
                      {s.bedsOver > 0 && <> <span className="badge badge-warning">{t('shelters.bedsFree.over', { count: s.bedsOver })}</span></>}
                    </td>
                    <td>{s.motherChildPlaces == null ? t('shelters.bedsFree.unknown') : t('shelters.bedsFree.ofTotal', { free: s.motherChildFree, total: s.motherChildPlaces })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function StaysPanel({ staff }: { staff: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const status = oneOf(params.get('status'), STATUSES) ?? 'current';
  const query = useStays(status);
  const labels: Record<StayStatus, string> = {
    current: t('shelters.stays.statusCurrent'), unlinked: t('shelters.stays.statusUnlinked'),
    discharged: t('shelters.stays.statusDischarged'), all: t('shelters.stays.statusAll'),
  };
  return (
    <section className="panel" aria-labelledby="stays-title" data-testid="stays">
      <h2 id="stays-title">{staff ? t('shelters.stays.titleShelter') : t('shelters.stays.titleUnit')}</h2>
      <div className="form-actions">
        {staff && <Link className="button" to="/shelters/admit" data-testid="admit-link">{t('shelters.stays.admit')}</Link>}
        <div className="field">
          <label htmlFor="stays-status">{t('shelters.stays.status')}</label>
          <select id="stays-status" value={status} onChange={(e) => setParams((p) => {
            const next = new URLSearchParams(p);
            if (e.target.value === 'current') next.delete('status'); else next.set('status', e.target.value);
            return next;
          })}>
            {STATUSES.map((s) => <option key={s} value={s}>{labels[s]}</option>)}
          </select>
        </div>
      </div>
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} />
        : query.data.items.length === 0 ? <p>{t('shelters.stays.empty')}</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={staff ? t('shelters.stays.titleShelter') : t('shelters.stays.titleUnit')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('shelters.stays.child')}</th>
                  <th scope="col">{t('shelters.stays.admitted')}</th>
                  <th scope="col">{t('shelters.stays.days')}</th>
                  <th scope="col">{t('shelters.stays.case')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((s) => (
                  <tr key={s.id} data-testid="stay-row">
                    <th scope="row"><Link to={`/shelters/stays/${s.id}`}>{s.child.givenName} {s.child.familyName}</Link>{!staff && <div>{s.shelterName}</div>}</th>
                    <td>{format.dateTime(s.admittedAt)}</td>
                    <td>
                      {s.stayDays}
                      {s.stayExceeded && <> <span className="badge badge-warning">{t('shelters.stays.exceeded')}</span></>}
                    </td>
                    <td><StayLinkState stay={s} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
