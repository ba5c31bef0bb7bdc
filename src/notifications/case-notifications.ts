import type { CaseEventKind } from '../cases/case-workflow.ts';
import type { Actor } from '../policy/actor.ts';
import type { Tx } from '../policy/door.ts';
import { type NotificationDraft, notify } from './notify.ts';
import type { NotificationKind } from './notification-kinds.ts';

/**
 * Who is told of a step on a case's timeline (called by recordCaseEvent, in its transaction):
 * - a case assigned (or opened for someone else): its new owner;
 * - a plan submitted or a closure requested: the unit's supervisors (an approval waiting);
 * - a plan or closure approved or returned: the case's owner;
 * - a referral made: the provider organisation's users; accepted, declined or completed: who
 *   made it, and the case's owner;
 * - a transfer requested: the receiving unit's supervisors.
 * Never the person who took the step.
 */
// It runs in the Door's transaction of the step (recordCaseEvent), so it reads the case there.

async function supervisorsOf(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.selectFrom('users').select('id').where('organisation_id', '=', orgId).where('disabled_at', 'is', null)
    .where((eb) => eb(eb.val('supervisor'), '=', eb.fn.any('roles'))).execute();
  return rows.map((r) => r.id);
}

async function orgUsers(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.selectFrom('users').select('id').where('organisation_id', '=', orgId).where('disabled_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

export async function notifyCaseEvent(
  tx: Tx,
  actor: Actor,
  kase: { country: string; id: string },
  kind: CaseEventKind,
  e: { entity?: string; entityId?: string | null },
): Promise<void> {
  const row = await tx.selectFrom('cases').select(['owner_id', 'unit_id']).where('country', '=', kase.country).where('id', '=', kase.id).executeTakeFirst();
  if (!row) return;
  const to = (userIds: Array<string | null | undefined>, what: NotificationKind, entity: NotificationDraft['entity'] = 'case', entityId: string | null = kase.id): NotificationDraft[] =>
    [...new Set(userIds.filter((u): u is string => !!u))]
      .filter((u) => actor.kind !== 'user' || u !== actor.userId)
      .map((userId) => ({ userId, kind: what, entity, entityId }));
  let drafts: NotificationDraft[] = [];
  switch (kind) {
    case 'opened':
    case 'assigned':
      drafts = to([row.owner_id], 'case_assigned');
      break;
    case 'plan_submitted':
    case 'closure_requested':
      drafts = to(await supervisorsOf(tx, row.unit_id), 'approval_waiting');
      break;
    case 'plan_approved':
    case 'closure_approved':
      drafts = to([row.owner_id], 'decision_approved');
      break;
    case 'plan_returned':
    case 'closure_returned':
      drafts = to([row.owner_id], 'decision_returned');
      break;
    case 'referral_made':
    case 'referral_accepted':
    case 'referral_declined':
    case 'referral_completed': {
      if (!e.entityId) break;
      const referral = await tx.selectFrom('referrals').select(['provider_org_id', 'referred_by']).where('country', '=', kase.country).where('id', '=', e.entityId).executeTakeFirst();
      if (!referral) break;
      drafts = kind === 'referral_made'
        ? to(await orgUsers(tx, referral.provider_org_id), 'referral_received', 'referral', e.entityId)
        : to([referral.referred_by, row.owner_id], 'referral_answered', 'referral', e.entityId);
      break;
    }
    case 'transfer_requested': {
      if (!e.entityId) break;
      const transfer = await tx.selectFrom('case_transfers').select('to_unit_id').where('country', '=', kase.country).where('id', '=', e.entityId).executeTakeFirst();
      if (transfer) drafts = to(await supervisorsOf(tx, transfer.to_unit_id), 'transfer_waiting', 'transfers', null);
      break;
    }
    default:
      return;
  }
  await notify(tx, drafts);
}
