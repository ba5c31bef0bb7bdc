import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { openCase } from '../cases/case-open.ts';
import { createChild } from '../children/child-records.ts';
import { systemDoor } from '../policy/door.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { requestTransfer } from './transfers.ts';

/**
 * Demo transfers — never for production. The Elbasan unit has a case whose family moved to
 * Korçë and asks the Korçë unit to take it over: the demo `supervisor` finds it waiting for a
 * decision. The case opens as the system (dated in the past); the request is the Elbasan
 * caseworker's.
 */
const ELBASAN = 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Elbasan';
const KORCE = 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë';

export async function seedDemoTransfers(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  const system = systemDoor(db, 'seed-demo');
  const owner = dir.userId('e.cela');
  const child = await createChild(system, {
    givenName: 'Dea', familyName: 'Kondi', sex: 'female', birthDate: '2012-07-22', municipalityCode: 'AL-03-03', languages: ['sq'], inSchool: true,
  }, { unitId: dir.orgId(ELBASAN), country: 'AL', ownerId: owner });
  const { id } = await openCase(system, { childId: child.id, riskLevel: 'medium', ownerId: owner }, { openedAt: new Date(Date.now() - 25 * 86_400_000) });
  await requestTransfer(await dir.door('e.cela'), id, { toUnitId: dir.orgId(KORCE), reason: 'The family moved to Korçë last week; the child now attends school there.' });
}
