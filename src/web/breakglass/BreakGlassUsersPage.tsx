import { useTranslation } from 'react-i18next';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useBreakGlassUsers } from './queries.ts';

/** Emergency access per user, for the administrator (every unit); the supervisor sees the unit's on the review page. */
export function BreakGlassUsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('breakGlass.users.title'));
  return (
    <section>
      <h1>{t('breakGlass.users.title')}</h1>
      <p>{t('breakGlass.users.intro')}</p>
      <BreakGlassUsersTable />
    </section>
  );
}

/** Per user: accesses, justified, not justified, waiting — most unjustified first. */
export function BreakGlassUsersTable() {
  const { t } = useTranslation();
  const format = useFormat();
  const users = useBreakGlassUsers();
  if (users.isPending) return <Loading what={t('breakGlass.users.title')} />;
  if (users.isError) return <LoadFailed title={t('breakGlass.users.title')} error={users.error} retry={() => users.refetch()} backTo="/" backLabel={t('nav.home')} />;
  if (users.data.items.length === 0) return <p>{t('breakGlass.users.empty')}</p>;
  const cols = ['grants', 'justified', 'unjustified', 'pending'] as const;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('breakGlass.users.title')}>
      <table data-testid="break-glass-users">
        <caption className="visually-hidden">{t('breakGlass.users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('breakGlass.col.user')}</th><th scope="col">{t('breakGlass.col.organisation')}</th>
            {cols.map((c) => <th key={c} scope="col" className="numeric">{t(`breakGlass.col.${c}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {users.data.items.map((u) => (
            <tr key={u.userId} data-username={u.username}>
              <th scope="row">{`${u.name} (${u.username})`}</th>
              <td>{u.organisationName}</td>
              {cols.map((c) => <td key={c} className="numeric">{format.number(u[c])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
