import type { Tx } from '../policy/door.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { TRAINING_TOPICS } from '../domain/training-topics.ts';
import { type FigureScope, type FigureTable, count, keyLabel, measure, textLabel } from '../reports/figure-table.ts';

/**
 * The trainings register's figures (issue 14 §5), for a country or region and a period: sessions
 * (counted on their first day, in their municipality's region) and professionals trained — who
 * attended at least a day — by region and by sector (the shape of seed 003's "28 trainings, 420+
 * professionals"), certificates, the knowledge gain (average post-test − pre-test, over those with
 * both) and satisfaction per topic, and how many members of each unit's multidisciplinary team
 * hold a certificate on each topic. A unit's team: the unit's own staff and the organisations that
 * took part in the unit's coordination meetings; a participant counts for a team when the
 * organisation named (or the user linked) is one of them. Counts of professionals carry `n`, so a
 * monitor's cells of 1–4 are hidden like every service figure.
 */
const T = 'ui:trainings.figures';
const service = 'trainings' as const;

export async function trainingFigures(tx: Tx, scope: FigureScope): Promise<FigureTable[]> {
  let q = tx.selectFrom('training_sessions as s').innerJoin('training_modules as m', 'm.id', 's.module_id').innerJoin('jurisdictions as r', 'r.code', 's.region_code')
    .select(['s.id', 's.region_code', 'r.name_local as region_name', 'm.topics'])
    .where('s.country', '=', scope.country).where('s.starts_on', '>=', scope.from).where('s.starts_on', '<=', scope.to);
  if (scope.region) q = q.where('s.region_code', '=', scope.region);
  const sessions = await q.execute();
  const ids = sessions.map((s) => s.id);
  const people = ids.length === 0 ? [] : await tx.selectFrom('training_participants as p').leftJoin('training_certificates as c', 'c.participant_id', 'p.id')
    .select(['p.id', 'p.session_id', 'p.sector', 'p.organisation_id', 'p.user_id', 'p.score_before', 'p.score_after', 'p.rating', 'c.code'])
    .select((eb) => eb.exists(eb.selectFrom('training_attendance as a').whereRef('a.participant_id', '=', 'p.id').select('a.day')).as('attended'))
    .where('p.session_id', 'in', ids).execute();
  const sessionOf = new Map(sessions.map((s) => [s.id, s]));
  const trained = people.filter((p) => p.attended);

  const regions = [...new Map(sessions.map((s) => [s.region_code, s.region_name])).entries()].sort(([, a], [, b]) => a.localeCompare(b));
  const byRegion: FigureTable = {
    id: 'trainings.byRegion', service, title: keyLabel(`${T}.byRegion`), unit: 'count',
    columns: ['sessions', 'trained', 'certified'].map((code) => ({ code, label: keyLabel(`${T}.${code}`) })),
    rows: regions.map(([code, name]) => {
      const inRegion = (p: { session_id: string }) => sessionOf.get(p.session_id)!.region_code === code;
      return { code, label: textLabel(name), cells: [count(sessions.filter((s) => s.region_code === code).length), count(trained.filter(inRegion).length), count(people.filter((p) => inRegion(p) && p.code).length)] };
    }),
    note: keyLabel(`${T}.note`),
  };
  const bySector: FigureTable = {
    id: 'trainings.bySector', service, title: keyLabel(`${T}.bySector`), unit: 'count',
    columns: ['trained', 'certified'].map((code) => ({ code, label: keyLabel(`${T}.${code}`) })),
    rows: TAXONOMIES.sector.filter((s) => people.some((p) => p.sector === s)).map((s) => ({
      code: s, label: keyLabel(`taxonomy:sector.${s}`), cells: [count(trained.filter((p) => p.sector === s).length), count(people.filter((p) => p.sector === s && p.code).length)],
    })),
  };
  const avg = (xs: number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10);
  const gain: FigureTable = {
    id: 'trainings.knowledgeGain', service, title: keyLabel(`${T}.knowledgeGain`), unit: 'count',
    columns: ['before', 'after', 'gain', 'satisfaction'].map((code) => ({ code, label: keyLabel(`${T}.${code}`) })),
    rows: TRAINING_TOPICS.map((topic) => {
      const on = people.filter((p) => (sessionOf.get(p.session_id)!.topics as string[]).includes(topic));
      const both = on.filter((p) => p.score_before !== null && p.score_after !== null);
      const rated = on.filter((p) => p.rating !== null);
      return {
        code: topic, label: keyLabel(`ui:trainings.topic.${topic}`),
        cells: [measure(avg(both.map((p) => p.score_before!)), both.length), measure(avg(both.map((p) => p.score_after!)), both.length),
          measure(avg(both.map((p) => p.score_after! - p.score_before!)), both.length), measure(avg(rated.map((p) => p.rating!)), rated.length)],
      };
    }),
    note: keyLabel(`${T}.gainNote`),
  };
  return [byRegion, bySector, gain, await teamFigures(tx, scope)];
}

/** Members of each unit's multidisciplinary team certified on each topic (certificates of any date up to the period's end). */
async function teamFigures(tx: Tx, scope: FigureScope): Promise<FigureTable> {
  let units = tx.selectFrom('organisations as o').innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
    .select(['o.id', 'o.name']).where('o.country', '=', scope.country).where('o.is_protection_unit', '=', true).where('o.active', '=', true);
  if (scope.region) units = units.where((eb) => eb.or([eb('j.parent_code', '=', scope.region), eb('j.code', '=', scope.region)]));
  const unitRows = await units.orderBy('o.name').execute();
  const partners = unitRows.length === 0 ? [] : await tx.selectFrom('meeting_participants as mp').innerJoin('meetings as mt', 'mt.id', 'mp.meeting_id')
    .select(['mt.unit_id', 'mp.organisation_id']).distinct()
    .where('mt.country', '=', scope.country).where('mt.unit_id', 'in', unitRows.map((u) => u.id)).where('mp.organisation_id', 'is not', null).execute();
  const certified = await tx.selectFrom('training_certificates as c').innerJoin('training_participants as p', 'p.id', 'c.participant_id')
    .innerJoin('training_sessions as s', 's.id', 'p.session_id').innerJoin('training_modules as m', 'm.id', 's.module_id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.name', 'p.organisation_id', 'p.user_id', 'u.organisation_id as user_org', 'm.topics'])
    .where('s.country', '=', scope.country).where('s.starts_on', '<=', scope.to).execute();
  return {
    id: 'trainings.teams', service, title: keyLabel(`${T}.teams`), unit: 'count',
    columns: TRAINING_TOPICS.map((code) => ({ code, label: keyLabel(`ui:trainings.topic.${code}`) })),
    rows: unitRows.map((unit) => {
      const team = new Set([unit.id, ...partners.filter((p) => p.unit_id === unit.id).map((p) => p.organisation_id!)]);
      return {
        code: unit.id, label: textLabel(unit.name),
        cells: TRAINING_TOPICS.map((topic) => {
          // One person once: a linked user by its id, anyone else by name and organisation.
          const who = new Set(certified.filter((c) => (c.topics as string[]).includes(topic) && team.has((c.user_org ?? c.organisation_id) ?? ''))
            .map((c) => c.user_id ?? `${c.name.toLowerCase()}|${c.organisation_id}`));
          return count(who.size);
        }),
      };
    }),
    note: keyLabel(`${T}.teamsNote`),
  };
}
