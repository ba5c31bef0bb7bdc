import { InputError } from '../errors.ts';
import { readCsv } from '../interchange/csv-source.ts';
import { FileProblem } from '../interchange/issues.ts';
import type { Door } from '../policy/door.ts';
import { alreadyIn, participantValues } from './participants.ts';
import { keeper } from './trainings-reach.ts';
import { sessionOf } from './registry.ts';
import { ParticipantInput } from './trainings-schema.ts';

/**
 * A session's participant list from a CSV file (issue 14 §5): UTF-8, comma-separated, the header
 * `name,sector,organisation,position,municipality` (sector: a code of the sector taxonomy;
 * municipality: a code, or blank). All or nothing: any problem refuses the whole file (400) with
 * each problem by line and column, and nothing is stored. A participant already in the session, or
 * twice in the file (same name and organisation, letter case aside), is a problem too: nothing is
 * duplicated. A cell that would run as a spreadsheet formula (= + - @ first) is refused; the ' our
 * exports put before one is dropped. Problems never repeat a cell's value.
 */
export const PARTICIPANT_COLUMNS = ['name', 'sector', 'organisation', 'position', 'municipality'] as const;
const FORMULA = /^[=+\-@\t\r]/;
const MAX_ROWS = 1000;

type Problem = { path: string; message: string };
const at = (line: number, column: string, message: string): Problem => ({ path: `line ${line}, column ${column}`, message });

export async function importParticipants(door: Door, sessionId: string, csv: string, dryRun: boolean): Promise<{ created: number; dryRun: boolean }> {
  const k = keeper(door.actor);
  const problems: Problem[] = [];
  const rows: Array<{ line: number; input: ParticipantInput }> = [];
  let header: string[] | null = null;
  try {
    for await (const { cells, line } of readCsv([csv]).rows) {
      if (!header) {
        header = cells.map((c) => c.trim().toLowerCase());
        const missing = PARTICIPANT_COLUMNS.filter((c) => !header!.includes(c));
        if (missing.length > 0) { problems.push(at(1, missing[0]!, `is missing from the header: ${PARTICIPANT_COLUMNS.join(',')}`)); break; }
        continue;
      }
      if (cells.length === 1 && cells[0]!.trim() === '') continue;
      if (cells.length !== header.length) { problems.push(at(line, header[Math.min(cells.length, header.length - 1)]!, `the row has ${cells.length} fields, the header ${header.length}`)); continue; }
      if (rows.length + 1 > MAX_ROWS) { problems.push(at(line, 'name', `a file holds at most ${MAX_ROWS} participants`)); break; }
      const cell = (column: string) => {
        let v = cells[header!.indexOf(column)]!.trim();
        if (/^'[=+\-@]/.test(v)) v = v.slice(1);
        return v;
      };
      let bad = false;
      for (const column of PARTICIPANT_COLUMNS) {
        if (FORMULA.test(cell(column))) { problems.push(at(line, column, 'starts with = + - or @ (a spreadsheet formula)')); bad = true; }
      }
      if (bad) continue;
      const parsed = ParticipantInput.safeParse({
        name: cell('name'), sector: cell('sector'), organisation: cell('organisation'), position: cell('position'),
        municipalityCode: cell('municipality') || null,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const field = String(i.path[0] ?? 'name');
          const column = field === 'municipalityCode' ? 'municipality' : field;
          problems.push(at(line, column, cell(column) === '' ? 'is required' : i.message));
        }
        continue;
      }
      rows.push({ line, input: parsed.data });
    }
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    const field = Number(err.column);
    const names = header ?? [...PARTICIPANT_COLUMNS];
    problems.push(at(err.line, field >= 1 && field <= names.length ? names[field - 1]! : err.column, err.message));
  }
  if (!header && problems.length === 0) problems.push(at(1, 'name', `the file is empty; its first line must be the header: ${PARTICIPANT_COLUMNS.join(',')}`));
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.input.name.toLowerCase()}\u0000${r.input.organisation.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(at(r.line, 'name', `the same participant (name and organisation) as line ${first}`));
    else seen.set(key, r.line);
  }

  return door.transaction(async (tx, audit) => {
    const session = await sessionOf(tx, k, sessionId);
    const values = [];
    // A participant whose organisation is named as an organisation of Safetynet is linked to it (the teams' figures).
    const orgs = await tx.selectFrom('organisations').select(['id', 'name']).where('country', '=', k.country).where('active', '=', true).execute();
    const orgByName = new Map(orgs.map((o) => [o.name.toLowerCase(), o.id]));
    for (const r of rows) {
      r.input.organisationId ??= orgByName.get(r.input.organisation.toLowerCase()) ?? null;
      if (await alreadyIn(tx, session.id, r.input.name, r.input.organisation)) { problems.push(at(r.line, 'name', 'is already a participant of this session (same name and organisation)')); continue; }
      try {
        values.push(await participantValues(tx, k, r.input, (f) => `line ${r.line}, column ${f === 'municipalityCode' ? 'municipality' : f}`));
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        problems.push(...((err.extra as { issues?: Problem[] }).issues ?? []));
      }
    }
    if (problems.length > 0) {
      problems.sort((a, b) => Number(a.path.split(/[ ,]/)[1]) - Number(b.path.split(/[ ,]/)[1]));
      throw new InputError(`The file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was stored`, problems.slice(0, 200));
    }
    if (!dryRun && values.length > 0) await tx.insertInto('training_participants').values(values.map((v) => ({ country: session.country, session_id: session.id, ...v }))).execute();
    await audit([{ chain: k.country, action: 'import', entity: 'training_participant', entityId: session.id, reason: 'trainings', outcome: 'ok', detail: { rows: values.length, dryRun } }]);
    return { created: values.length, dryRun };
  });
}
