import type { Actor } from '../policy/actor.ts';
import type { Door, Tx } from '../policy/door.ts';
import { caseBaseQuery } from '../cases/case-context.ts';
import { type CaseAccessReason, caseSectionVisible, isCaseUnitReason } from '../cases/case-reach.ts';
import { baseQuery as childQuery } from '../children/child-records.ts';
import { isUnitReason, meetingBase } from '../meetings/meeting-reach.ts';
import { referralSight } from '../referrals/referrals.ts';
import type { OwnerKind } from './attachment-schema.ts';

/**
 * The record a file belongs to, as the reader reaches it: an attachment has the reach and the
 * sector rules of its record. Out of reach (or a contact the reader may not see) is null, which
 * the caller answers 404 like "not found".
 * - a case, or a contact of it: the owning unit sees every file; a reader from another
 *   organisation (a referral's provider, an invited partner) only what their organisation attached,
 *   as for the case's other sections (caseSectionVisible);
 * - a child: likewise, through the child's reach;
 * - a referral: the referring unit and the provider see all its files (shared for the referral);
 * - a meeting: everyone who reaches the meeting sees its files.
 * `supervises` says who may remove another's file: the unit's supervisor.
 */

export type Owner = {
  country: string;
  childId: string | null;
  reason: string;
  sees(uploaderOrgId: string | null): boolean;
  supervises: boolean;
};

function isSupervisor(actor: Actor): boolean {
  return actor.kind === 'system' || actor.roles.includes('supervisor');
}

function caseOwner(door: Door, kase: { country: string; child_id: string; access_reason: unknown }): Owner {
  const reason = kase.access_reason as CaseAccessReason;
  return {
    country: kase.country,
    childId: kase.child_id,
    reason,
    sees: (org) => caseSectionVisible({ actor: door.actor, reason }, { authorOrgId: org }),
    supervises: isCaseUnitReason(reason) && isSupervisor(door.actor),
  };
}

export async function findOwner(door: Door, tx: Tx, kind: OwnerKind, id: string): Promise<Owner | null> {
  const actor = door.actor;
  switch (kind) {
    case 'case': {
      const kase = await caseBaseQuery(door, tx).where('k.id', '=', id).executeTakeFirst();
      return kase ? caseOwner(door, kase) : null;
    }
    case 'contact': {
      const contact = await tx.selectFrom('contacts').select(['country', 'case_id', 'author_org_id']).where('id', '=', id).executeTakeFirst();
      if (!contact) return null;
      const kase = await caseBaseQuery(door, tx).where('k.country', '=', contact.country).where('k.id', '=', contact.case_id).executeTakeFirst();
      if (!kase) return null;
      const owner = caseOwner(door, kase);
      return owner.sees(contact.author_org_id) ? owner : null;
    }
    case 'child': {
      const child = await childQuery(door, tx).where('c.id', '=', id).executeTakeFirst();
      if (!child) return null;
      const reason = String(child.access_reason);
      const unit = reason === 'owner' || reason === 'unit_supervisor' || reason === 'unit_caseworker' || reason === 'system';
      return {
        country: child.country,
        childId: child.id,
        reason,
        sees: (org) => unit || (actor.kind === 'user' && org === actor.organisationId),
        supervises: unit && isSupervisor(actor),
      };
    }
    case 'referral': {
      const sight = await referralSight(door, tx, id);
      if (!sight) return null;
      return { country: sight.country, childId: sight.childId, reason: sight.reason, sees: () => true, supervises: sight.referrer && isSupervisor(actor) };
    }
    case 'meeting': {
      const meeting = await meetingBase(door, tx).where('m.id', '=', id).executeTakeFirst();
      if (!meeting) return null;
      const reason = String(meeting.access_reason);
      return { country: meeting.country, childId: null, reason, sees: () => true, supervises: isUnitReason(reason) && isSupervisor(actor) };
    }
  }
}
