import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { AdminBlock, MonitorBlock } from './figures-blocks.tsx';
import { CaseworkerBlock } from './CaseworkerBlock.tsx';
import { OrganisationBlock, SupervisorBlock } from './team-blocks.tsx';
import { useHome } from './queries.ts';
// One role's block: loaded with its strings only when that role opens Home.
const IntakesHomeBlock = lazy(async () => ({ default: (await import('../intakes/IntakesHomeBlock.tsx')).IntakesHomeBlock }));
const TrainerHomeBlock = lazy(async () => ({ default: (await import('../trainings/TrainerHomeBlock.tsx')).TrainerHomeBlock }));
const ShelterHomeBlock = lazy(async () => ({ default: (await import('../shelters/ShelterHomeBlock.tsx')).ShelterHomeBlock }));

/**
 * Home triages: one block per role the user holds (src/home/home-summary.ts computes them), each
 * figure a link to the filtered list behind it; empty states say what will appear there.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const home = useHome();
  const d = home.data;
  // A shelter's staff (a provider of a shelter) also get the shelter's block (issue 13).
  const shelterStaff = me.roles.includes('provider') && me.organisation.sector === 'shelter';
  const trainer = me.roles.includes('trainer');
  const any = d && (d.caseworker || d.supervisor || d.organisation || d.monitor || d.admin || shelterStaff || trainer);
  return (
    <section className="home">
      <h1>{t('home.welcome', { name: me.displayName })}</h1>
      <p className="hint" data-testid="home-intro">
        {t('homePage.intro', {
          roles: me.roles.map((role) => t(`roles.${role}`)).join(', '),
          organisation: me.organisation.name,
        })}
      </p>
      {home.isPending ? (
        <Loading />
      ) : home.isError ? (
        <div className="home-error">
          <p>{t('homePage.loadFailed')}</p>
          <ErrorMessage error={home.error} />
          <button type="button" onClick={() => void home.refetch()}>{t('common.retry')}</button>
        </div>
      ) : (
        <div className="home-blocks">
          {d!.caseworker && <CaseworkerBlock data={d!.caseworker} />}
          {d!.supervisor && <SupervisorBlock data={d!.supervisor} />}
          {me.roles.includes('police_support') && <Suspense fallback={null}><IntakesHomeBlock /></Suspense>}
          {shelterStaff && <Suspense fallback={null}><ShelterHomeBlock /></Suspense>}
          {trainer && <Suspense fallback={null}><TrainerHomeBlock /></Suspense>}
          {d!.organisation && <OrganisationBlock data={d!.organisation} />}
          {d!.monitor && <MonitorBlock data={d!.monitor} />}
          {d!.admin && <AdminBlock data={d!.admin} />}
          {!any && <p className="hint">{t('homePage.noBlock')}</p>}
        </div>
      )}
    </section>
  );
}
