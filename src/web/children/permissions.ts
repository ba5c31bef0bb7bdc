import { UNIT_REASONS } from '../../policy/field-sharing.ts';
import type { Role } from '../../domain/roles.ts';
import type { ChildView } from '../../children/child-schema.ts';
import type { Me } from '../auth/types.ts';

/**
 * What the web app offers; the server decides. These only hide buttons the server would refuse.
 */
// Partners and the police-station team register children through signals, not here.
const REGISTERING_ROLES: readonly Role[] = ['caseworker', 'supervisor'];

export function canRegisterChildren(roles: readonly Role[]): boolean {
  return roles.some((r) => REGISTERING_ROLES.includes(r));
}

/** The owning unit edits the record; others reach it through a meeting, referral or signal. */
export function canEditChild(child: ChildView): boolean {
  return (UNIT_REASONS as readonly string[]).includes(child.accessReason);
}

/** "Who read or changed this record" is for the supervisor of the unit that holds it. */
export function canSeeAccessHistory(me: Me, child: ChildView): boolean {
  return me.roles.includes('supervisor') && child.unitId === me.organisation.id;
}

/** Merging two records of the same child is for the supervisor of the unit that holds both. */
export function canMergeChild(me: Me, child: ChildView): boolean {
  return canSeeAccessHistory(me, child);
}
