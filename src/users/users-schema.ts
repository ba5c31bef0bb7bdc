import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { Code, Id, Paging, ShortText } from '../domain/common-schema.ts';
import { SortParam } from '../domain/list-sort.ts';

export const Language = z.enum(['sq', 'bg', 'en']);
export type Language = z.infer<typeof Language>;

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'may contain only letters, digits, dot, dash and underscore');
export const Password = z.string().min(12, 'must be at least 12 characters').max(200);
export const RoleList = z.array(z.enum(ROLES)).min(1, 'at least one role').max(ROLES.length);

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
  /** The second factor's 6-digit code, or a recovery code: required when the user has one. */
  code: z.string().trim().min(1).max(20).optional(),
});

export const OrganisationSummary = z.object({
  id: Id,
  name: z.string(),
  sector: z.string(),
  jurisdictionCode: z.string(),
  country: z.string(),
  isProtectionUnit: z.boolean(),
});

export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  language: Language,
  /** timeZone: the IANA zone of the organisation's jurisdiction, in which the web app shows every time. */
  organisation: OrganisationSummary.extend({ timeZone: z.string() }),
});
export type Me = z.infer<typeof Me>;

/** The second factor of the signed-in user: in force, required, passed by this session. */
export const SecondFactorState = z.object({ enrolled: z.boolean(), required: z.boolean(), passed: z.boolean(), recoveryCodesLeft: z.number().int() });
export const SessionAnswer = z.object({ user: Me, csrfToken: z.string(), secondFactor: SecondFactorState });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});

export const MePatch = z.strictObject({ language: Language });

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  language: Language,
  organisationId: Id,
  organisationName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  /** A second factor is in force; the identity provider's subject the user is linked to. */
  secondFactor: z.boolean(),
  oidcSubject: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const OidcLink = z.strictObject({ subject: z.string().trim().min(1).max(255).nullable() });

export const UserCreate = z.strictObject({
  username: Username,
  displayName: ShortText,
  organisationId: Id,
  roles: RoleList,
  password: Password,
  language: Language.default('en'),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z.strictObject({
  displayName: ShortText.optional(),
  roles: RoleList.optional(),
  organisationId: Id.optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
  language: Language.optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const UserList = z.object({ items: z.array(User), total: z.number() });
export const USER_SORTS = ['username', 'displayName', 'createdAt'] as const;
/** By username unless given; status: active (not disabled), locked (sign-in slowed now), disabled. */
export const UserListQuery = Paging.extend({ status: z.enum(['active', 'locked', 'disabled']).optional(), sort: SortParam(USER_SORTS) });
export type UserListQuery = z.infer<typeof UserListQuery>;

/** What gave a user access to child data: a new account, added roles, a move, a password set by someone else, re-enabling. */
export const RoleGrantChange = z.enum(['created', 'roles', 'organisation', 'password', 'enabled']);
export type RoleGrantChange = z.infer<typeof RoleGrantChange>;

export const RoleGrant = z.object({
  id: Id,
  change: RoleGrantChange,
  /** The roles that see child data the user held after the change. */
  roles: z.array(z.enum(ROLES)),
  /** Those the change added (empty for a move's, a password's or an enabling's unchanged roles). */
  added: z.array(z.enum(ROLES)),
  grantedAt: z.string(),
  grantedBy: z.object({ id: Id.nullable(), name: z.string() }),
  user: z.object({ id: Id, username: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)), disabled: z.boolean() }),
  organisation: z.object({ id: Id, name: z.string() }),
});
export type RoleGrant = z.infer<typeof RoleGrant>;
export const RoleGrantList = z.object({ items: z.array(RoleGrant), total: z.number() });

/** A shelter's count of beds or places (0–10 000); null clears it. */
const Capacity = z.number().int('must be a whole number').min(0).max(10_000).nullable().optional();

export const Organisation = OrganisationSummary.extend({
  jurisdictionName: z.string(),
  active: z.boolean(),
  /** A shelter's capacity (issue 13): beds, and places for a mother or caregiver with her children; null when not set. */
  beds: z.number().int().nullable(),
  motherChildPlaces: z.number().int().nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationCreate = z.strictObject({
  name: ShortText,
  sector: z.enum(TAXONOMIES.sector),
  jurisdictionCode: Code(2, 40),
  isProtectionUnit: z.boolean().default(false),
  beds: Capacity,
  motherChildPlaces: Capacity,
});
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;

export const OrganisationPatch = z.strictObject({
  name: ShortText.optional(),
  sector: z.enum(TAXONOMIES.sector).optional(),
  active: z.boolean().optional(),
  beds: Capacity,
  motherChildPlaces: Capacity,
});
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;

export const OrganisationList = z.object({ items: z.array(Organisation) });

export const Jurisdiction = z.object({
  code: z.string(),
  country: z.string(),
  level: z.enum(['country', 'region', 'municipality']),
  parentCode: z.string().nullable(),
  nameLocal: z.string(),
  nameEn: z.string(),
});
export const JurisdictionList = z.object({ items: z.array(Jurisdiction) });
