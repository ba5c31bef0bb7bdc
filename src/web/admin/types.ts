import type { Language } from '../../domain/i18n/languages.ts';
import type { Role } from '../../domain/roles.ts';
import type { Sector } from '../../domain/taxonomies.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  language: Language;
  organisationId: string;
  organisationName: string;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  /** A second factor is in force; the identity provider's subject the user is linked to. */
  secondFactor: boolean;
  oidcSubject: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  organisationId: string;
  roles: Role[];
  password: string;
  language: Language;
}

export interface UserPatch {
  displayName?: string;
  roles?: Role[];
  organisationId?: string;
  disabled?: boolean;
  password?: string;
  language?: Language;
}

export interface Organisation {
  id: string;
  name: string;
  sector: Sector;
  jurisdictionCode: string;
  jurisdictionName: string;
  country: string;
  isProtectionUnit: boolean;
  active: boolean;
  /** Capacity (issue 13): beds of a shelter or residential care institution; mother-and-child places of a shelter. */
  beds: number | null;
  motherChildPlaces: number | null;
}

export interface NewOrganisation {
  name: string;
  sector: Sector;
  jurisdictionCode: string;
  isProtectionUnit: boolean;
}

export interface OrganisationPatch {
  name?: string;
  sector?: Sector;
  active?: boolean;
  beds?: number | null;
  motherChildPlaces?: number | null;
}

export type RoleGrantChange = 'created' | 'roles' | 'organisation' | 'password' | 'enabled';

/** A grant of a role that sees children's records, as the unit's supervisor is shown it. */
export interface RoleGrant {
  id: string;
  change: RoleGrantChange;
  roles: Role[];
  added: Role[];
  grantedAt: string;
  grantedBy: { id: string | null; name: string };
  user: { id: string; username: string; displayName: string; roles: Role[]; disabled: boolean };
  organisation: { id: string; name: string };
}
