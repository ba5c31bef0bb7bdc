import type { Sector } from './taxonomies.ts';

/** The roles of DOMAIN.md. A user may hold several. */
export const ROLES = [
  'caseworker', 'supervisor', 'partner', 'provider', 'police_support', 'monitor', 'trainer', 'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The sections of the web app, and which roles see each in the navigation. */
export const NAVIGATION = [
  { id: 'home', path: '/', roles: ROLES },
  { id: 'tasks', path: '/tasks', roles: ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] },
  { id: 'cases', path: '/cases', roles: ['caseworker', 'supervisor', 'partner', 'provider'] },
  { id: 'referrals', path: '/referrals', roles: ['caseworker', 'supervisor', 'provider'] },
  { id: 'intakes', path: '/intakes', roles: ['police_support'] },
  { id: 'signals', path: '/signals', roles: ['caseworker', 'supervisor', 'partner', 'police_support'] },
  { id: 'meetings', path: '/meetings', roles: ['caseworker', 'supervisor', 'partner', 'provider'] },
  { id: 'children', path: '/children', roles: ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] },
  // Deinstitutionalisation: the units, and the providers that are residential care institutions.
  { id: 'institutions', path: '/institutions', roles: ['caseworker', 'supervisor', 'provider'], providerSectors: ['residential_care'] },
  // Issue 13: beds free for units and police-station teams; the stays for shelter staff (a provider of a shelter).
  { id: 'shelters', path: '/shelters', roles: ['caseworker', 'supervisor', 'police_support', 'provider'], providerSectors: ['shelter'] },
  // Issue 14 §4: prevention activities, recorded by units and by provider/NGO staff.
  { id: 'prevention', path: '/prevention', roles: ['caseworker', 'supervisor', 'provider'] },
  // Issue 14 §3: child consultation boards, convened by units and NGOs (partners of sector ngo reach them by URL; the navigation cannot tell a partner's sector).
  { id: 'boards', path: '/boards', roles: ['caseworker', 'supervisor', 'provider'], providerSectors: ['ngo'] },
  // Issue 14 §1: the feedback kiosks of a unit or a provider, their results; the children's free texts for the unit's supervisor.
  { id: 'feedback', path: '/feedback', roles: ['caseworker', 'supervisor', 'provider'] },
  // Issue 14 §5: the trainings register, kept by trainers.
  { id: 'trainings', path: '/trainings', roles: ['trainer'] },
  { id: 'reports', path: '/reports/monitoring', roles: ['supervisor', 'monitor'] },
  { id: 'imports', path: '/imports', roles: ['supervisor'] },
  { id: 'users', path: '/admin/users', roles: ['admin'] },
  { id: 'organisations', path: '/admin/organisations', roles: ['admin'] },
  { id: 'retention', path: '/admin/retention', roles: ['admin'] },
  { id: 'roleGrants', path: '/role-grants', roles: ['supervisor'] },
  { id: 'breakGlass', path: '/break-glass', roles: ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] },
  { id: 'breakGlassReviews', path: '/break-glass/reviews', roles: ['supervisor'] },
  { id: 'breakGlassUsers', path: '/break-glass/users', roles: ['admin'] },
  { id: 'jurisdictions', path: '/jurisdictions', roles: ['admin', 'monitor', 'supervisor'] },
  { id: 'account', path: '/account', roles: ROLES },
] as const satisfies ReadonlyArray<{ id: string; path: string; roles: readonly Role[]; providerSectors?: readonly Sector[] }>;

export type NavigationId = (typeof NAVIGATION)[number]['id'];

/** The sections a user's roles open; with the organisation's sector, a section for some providers only (`providerSectors`) opens to those. */
export function navigationFor(roles: readonly Role[], sector?: Sector): (typeof NAVIGATION)[number][] {
  const opens = (item: (typeof NAVIGATION)[number], r: Role) =>
    r !== 'provider' || sector === undefined || !('providerSectors' in item) || (item.providerSectors as readonly Sector[]).includes(sector);
  return NAVIGATION.filter((item) => (item.roles as readonly Role[]).some((r) => roles.includes(r) && opens(item, r)));
}
