import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import type { Organisation, OrganisationCreate, OrganisationPatch } from '../users/users-schema.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { type Actor, actorName } from '../policy/actor.ts';

function orgQuery(db: Kysely<DB>) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
    .select(['o.id', 'o.name', 'o.sector', 'o.jurisdiction_code', 'j.name_local as jurisdiction_name', 'o.country', 'o.is_protection_unit', 'o.active', 'o.beds', 'o.mother_child_places']);
}

type OrgRow = Awaited<ReturnType<ReturnType<typeof orgQuery>['executeTakeFirstOrThrow']>>;

function toOrganisation(r: OrgRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    sector: r.sector,
    jurisdictionCode: r.jurisdiction_code,
    jurisdictionName: r.jurisdiction_name,
    country: r.country,
    isProtectionUnit: r.is_protection_unit,
    active: r.active,
    beds: r.beds,
    motherChildPlaces: r.mother_child_places,
  };
}

export async function listOrganisations(db: Kysely<DB>, filter: { country?: string } = {}) {
  const rows = await orgQuery(db)
    .$if(!!filter.country, (q) => q.where('o.country', '=', filter.country!))
    .orderBy('o.country')
    .orderBy('o.name')
    .execute();
  return { items: rows.map(toOrganisation) };
}

export async function getOrganisation(db: Kysely<DB>, id: string): Promise<Organisation> {
  const row = await orgQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('organisation');
  return toOrganisation(row);
}

async function audit(db: Kysely<DB>, actor: Actor, action: string, id: string, fields: string[]) {
  await appendAudit(db, [{
    chain: 'system', actorId: actor.kind === 'user' ? actor.userId : null, actorName: actorName(actor),
    action, entity: 'organisation', entityId: id, outcome: 'ok', detail: { fields },
  }]);
}

/**
 * Capacity (issue 13): beds for shelters and residential care institutions, mother-and-child
 * places for shelters only; given for another sector it is refused (400), and a change to another
 * sector clears it. Only the given fields are written.
 */
function capacityColumns(sector: string, input: { beds?: number | null; motherChildPlaces?: number | null }, sectorChanged: boolean) {
  const beds = sector === 'shelter' || sector === 'residential_care';
  if (!beds && input.beds != null) throw new InputError('Only shelters and residential care have beds', [{ path: 'beds', message: 'only shelters and residential care institutions have beds' }]);
  if (sector !== 'shelter' && input.motherChildPlaces != null) {
    throw new InputError('Only shelters have mother-and-child places', [{ path: 'motherChildPlaces', message: 'only shelters have mother-and-child places' }]);
  }
  return {
    ...(input.beds !== undefined ? { beds: input.beds } : sectorChanged && !beds ? { beds: null } : {}),
    ...(input.motherChildPlaces !== undefined ? { mother_child_places: input.motherChildPlaces } : sectorChanged && sector !== 'shelter' ? { mother_child_places: null } : {}),
  };
}

export async function createOrganisation(db: Kysely<DB>, actor: Actor, input: OrganisationCreate): Promise<Organisation> {
  const j = await db.selectFrom('jurisdictions').select(['code', 'country', 'level']).where('code', '=', input.jurisdictionCode).executeTakeFirst();
  if (!j) throw new InputError('Unknown jurisdiction', [{ path: 'jurisdictionCode', message: 'no such jurisdiction' }]);
  if (input.isProtectionUnit && j.level !== 'municipality') {
    throw new InputError('A Child Protection Unit belongs to a municipality', [{ path: 'jurisdictionCode', message: 'must be a municipality for a Child Protection Unit' }]);
  }
  const clash = await db.selectFrom('organisations').select('id').where('jurisdiction_code', '=', j.code).where('name', '=', input.name).executeTakeFirst();
  if (clash) throw new ConflictError('An organisation of that name exists there', { issues: [{ path: 'name', message: 'exists already in this jurisdiction' }] });
  const capacity = capacityColumns(input.sector, input, false);
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('organisations')
      .values({ name: input.name, sector: input.sector, jurisdiction_code: j.code, country: j.country, is_protection_unit: input.isProtectionUnit, ...capacity })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'organisation_create', row.id, Object.keys(input).sort());
    return row.id;
  });
  return getOrganisation(db, id);
}

export async function updateOrganisation(db: Kysely<DB>, actor: Actor, id: string, patch: OrganisationPatch): Promise<Organisation> {
  const before = await getOrganisation(db, id);
  const capacity = capacityColumns(patch.sector ?? before.sector, patch, patch.sector !== undefined && patch.sector !== before.sector);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('organisations')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.sector !== undefined && { sector: patch.sector }),
        ...(patch.active !== undefined && { active: patch.active }),
        ...capacity,
      })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'organisation_update', id, Object.keys(patch).sort());
  });
  return getOrganisation(db, id);
}
