import { PLACEMENT_SECTORS, type PlacementEndInput, type PlacementInput, type PlacementView } from './placement-schema.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { localDay } from '../domain/deadlines.ts';
import { type CaseContext, actorUserId, authorOrg, readCase, unitTimeZone, withCase } from '../cases/case-context.ts';
import { caseSectionVisible } from '../cases/case-reach.ts';
import type { Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';

/**
 * Placements: where the child lives while away from home. One current placement per case (the
 * database holds it too, with a partial unique index); ending one records the day and the reason.
 */

function placementQuery(tx: Tx, country: string, caseId: string) {
  return tx
    .selectFrom('placements as p')
    .leftJoin('organisations as o', 'o.id', 'p.provider_org_id')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .selectAll('p')
    .select(['o.name as provider_name', 'u.display_name as author_name'])
    .where('p.country', '=', country)
    .where('p.case_id', '=', caseId);
}
type PlacementRow = Awaited<ReturnType<ReturnType<typeof placementQuery>['executeTakeFirstOrThrow']>>;

function placementView(r: PlacementRow): PlacementView {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind as PlacementView['kind'],
    providerOrgId: r.provider_org_id,
    providerName: r.provider_name ?? null,
    carerName: r.carer_name,
    startedOn: String(r.started_on),
    endedOn: r.ended_on == null ? null : String(r.ended_on),
    endReason: r.end_reason,
    endCode: r.end_code,
    notes: r.notes,
    current: r.ended_on == null,
    authorName: r.author_name ?? null,
    createdAt: iso(r.created_at),
  };
}

export async function listPlacements(door: Door, caseId: string): Promise<{ items: PlacementView[] }> {
  return readCase(door, caseId, 'placement', async ({ tx, kase, reason }) => {
    const rows = await placementQuery(tx, kase.country, kase.id).orderBy('p.started_on', 'desc').orderBy('p.created_at', 'desc').execute();
    // A shelter sees the placements with it; the unit sees all.
    const visible = rows.filter((r) => caseSectionVisible({ actor: door.actor, reason }, { authorOrgId: r.author_org_id, concernsOrgId: r.provider_org_id }));
    return { items: visible.map(placementView) };
  });
}

export async function recordPlacement(door: Door, caseId: string, input: PlacementInput): Promise<PlacementView> {
  return withCase(door, caseId, 'record_placement', async (ctx) => {
    const { kase, tx } = ctx;
    if (input.providerOrgId) {
      const org = await tx.selectFrom('organisations').select(['id', 'sector', 'active', 'country'])
        .where('id', '=', input.providerOrgId).executeTakeFirst();
      if (!org || !org.active || org.country !== kase.country || !(PLACEMENT_SECTORS as readonly string[]).includes(org.sector)) {
        throw new InputError('The placement provider is not valid', [{ path: 'providerOrgId', message: 'must be an active shelter, residential care or NGO organisation of this country' }]);
      }
      // One record, one number: a stay in a shelter is the shelter's admission, linked to the case (src/shelters/).
      if (input.kind === 'emergency_shelter' && org.sector === 'shelter') {
        throw new InputError('A stay in a shelter is recorded by its admission', [{ path: 'providerOrgId', message: "is a shelter: its admission, linked to this case, is the placement" }]);
      }
    }
    const current = await tx.selectFrom('placements').select('id')
      .where('country', '=', kase.country).where('case_id', '=', kase.id).where('ended_on', 'is', null).executeTakeFirst();
    if (current) throw new ConflictError('The child already has a current placement; end it first', { allowed: ['end_placement'] });
    const inserted = await tx
      .insertInto('placements')
      .values({
        country: kase.country,
        case_id: kase.id,
        kind: input.kind,
        provider_org_id: input.providerOrgId ?? null,
        carer_name: input.providerOrgId ? null : (input.carerName ?? null),
        started_on: input.startedOn,
        notes: input.notes ?? null,
        author_id: actorUserId(door),
        author_org_id: authorOrg(door, kase),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.event('placement_started', { entity: 'placement', entityId: inserted.id, detail: { kind: input.kind } });
    return placementView(await placementQuery(tx, kase.country, kase.id).where('p.id', '=', inserted.id).executeTakeFirstOrThrow());
  }, { detail: { kind: input.kind } });
}

export async function endPlacement(door: Door, caseId: string, placementId: string, input: PlacementEndInput): Promise<PlacementView> {
  return withCase(door, caseId, 'end_placement', async (ctx) => {
    const { kase, tx } = ctx;
    const row = await placementQuery(tx, kase.country, kase.id).where('p.id', '=', placementId).forUpdate('p').executeTakeFirst();
    if (!row) throw new NotFoundError('placement');
    if (row.ended_on != null) throw new ConflictError('This placement has already ended', { allowed: [] });
    if (row.admission_id != null) throw new ConflictError("A shelter stay ends with the shelter's discharge", { allowed: [] });
    if (input.endedOn < String(row.started_on)) {
      throw new InputError('The placement cannot end before it started', [{ path: 'endedOn', message: 'cannot be before the start date' }]);
    }
    await tx.updateTable('placements').set({ ended_on: input.endedOn, end_reason: input.endReason })
      .where('country', '=', kase.country).where('id', '=', placementId).execute();
    await ctx.event('placement_ended', { entity: 'placement', entityId: placementId, detail: { kind: row.kind } });
    return placementView(await placementQuery(tx, kase.country, kase.id).where('p.id', '=', placementId).executeTakeFirstOrThrow());
  });
}

/**
 * Closing a case ends its current placement, inside the closure's transaction (withCase,
 * 'approve_closure'): on the day of the closure in the unit's time zone (or the day it started,
 * if that is later), with the code 'case_closed' and no free-text reason; a 'placement_ended'
 * step goes on the timeline. Returns whether one was ended.
 */
export async function endPlacementOnClosure(ctx: CaseContext): Promise<boolean> {
  const { tx, kase } = ctx;
  const current = await tx.selectFrom('placements').select(['id', 'kind', 'started_on'])
    .where('country', '=', kase.country).where('case_id', '=', kase.id).where('ended_on', 'is', null)
    // A shelter stay goes on until the shelter discharges the child (its discharge ends the placement).
    .where('admission_id', 'is', null).forUpdate().executeTakeFirst();
  if (!current) return false;
  const today = localDay(new Date(), await unitTimeZone(tx, kase.unit_id));
  const started = String(current.started_on);
  await tx.updateTable('placements').set({ ended_on: started > today ? started : today, end_reason: null, end_code: 'case_closed' })
    .where('country', '=', kase.country).where('id', '=', current.id).execute();
  await ctx.event('placement_ended', { entity: 'placement', entityId: current.id, detail: { kind: current.kind, ending: 'case_closed' } });
  return true;
}
