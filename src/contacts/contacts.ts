import { sql } from 'kysely';
import type { ContactInput, ContactView } from './contact-schema.ts';
import { actorUserId, authorOrg, readCase, withCase } from '../cases/case-context.ts';
import { caseSectionVisible } from '../cases/case-reach.ts';
import type { Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';

/**
 * Contacts with the child: who was there, whether the child was seen and heard alone, what the
 * child said and where the child would prefer to meet (the child's views, kept like the notes). Recording
 * one moves the case's last contact (and, when the child was seen, the last time seen) forward,
 * never back: a visit entered late must not hide a more recent one.
 */

function contactQuery(tx: Tx, country: string, caseId: string) {
  return tx
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .selectAll('c')
    .select('u.display_name as author_name')
    .where('c.country', '=', country)
    .where('c.case_id', '=', caseId);
}
type ContactRow = Awaited<ReturnType<ReturnType<typeof contactQuery>['executeTakeFirstOrThrow']>>;

function contactView(r: ContactRow): ContactView {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind as ContactView['kind'],
    occurredAt: iso(r.occurred_at),
    present: r.present,
    childSeen: r.child_seen,
    childHeardAlone: r.child_heard_alone,
    notHeardReason: r.not_heard_reason,
    notes: r.notes,
    childSaid: r.child_said,
    preferredPlace: r.preferred_place,
    authorName: r.author_name ?? null,
    createdAt: iso(r.created_at),
  };
}

export async function listContacts(door: Door, caseId: string): Promise<{ items: ContactView[] }> {
  return readCase(door, caseId, 'contact', async ({ tx, kase, reason }) => {
    const rows = await contactQuery(tx, kase.country, kase.id).orderBy('c.occurred_at', 'desc').orderBy('c.id').execute();
    // Contacts are the unit's own work; anyone else sees only what their organisation wrote.
    return { items: rows.filter((r) => caseSectionVisible({ actor: door.actor, reason }, { authorOrgId: r.author_org_id })).map(contactView) };
  });
}

export async function recordContact(door: Door, caseId: string, input: ContactInput): Promise<ContactView> {
  return withCase(door, caseId, 'record_contact', async (ctx) => {
    const { kase, tx } = ctx;
    const occurredAt = new Date(input.occurredAt);
    const inserted = await tx
      .insertInto('contacts')
      .values({
        country: kase.country,
        case_id: kase.id,
        kind: input.kind,
        occurred_at: occurredAt,
        present: input.present,
        child_seen: input.childSeen,
        child_heard_alone: input.childHeardAlone,
        not_heard_reason: input.childHeardAlone ? null : (input.notHeardReason ?? null),
        notes: input.notes ?? null,
        child_said: input.childSaid ?? null,
        preferred_place: input.preferredPlace ?? null,
        author_id: actorUserId(door),
        author_org_id: authorOrg(door, kase),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('cases')
      .set({
        last_contact_at: sql<Date>`GREATEST(last_contact_at, ${occurredAt}::timestamptz)`,
        ...(input.childSeen ? { child_last_seen_at: sql<Date>`GREATEST(child_last_seen_at, ${occurredAt}::timestamptz)` } : {}),
      })
      .where('country', '=', kase.country)
      .where('id', '=', kase.id)
      .execute();
    await ctx.event('contact_recorded', { entity: 'contact', entityId: inserted.id, detail: { kind: input.kind, childSeen: input.childSeen, childHeardAlone: input.childHeardAlone } });
    const row = await contactQuery(tx, kase.country, kase.id).where('c.id', '=', inserted.id).executeTakeFirstOrThrow();
    return contactView(row);
  }, { detail: { kind: input.kind } });
}
