import { deadlinesFor } from '../domain/deadlines.ts';
import type { Door } from '../policy/door.ts';
import { exportSignalRows } from './export-pages.ts';
import type { ChildImportRow } from './children-writer.ts';
import { type SignalImportRow, writeSignals } from './signals-writer.ts';
import { checkCode, checkCodes, checkInstant, checkLocation, checkRef, checkText } from './common-checks.ts';
import { type Cells, type Collector, type RecordType, type ValidateContext, type WriteOptions, registerRecordType } from './record-types.ts';
import { parseDate } from './values.ts';

/**
 * signals.csv: one row per child per signal. Rows sharing a signal_ref must agree on every
 * signal column; rows sharing a child_ref (in a country) must agree on the child. Imported
 * signals are historical records: they are stored unscreened, with the screening deadline the
 * country's rule gives (received_at + 24 h in both shipped countries), so the report counts
 * them and nobody pretends they were screened in this system.
 */
export const SIGNAL_COLUMNS = [
  'signal_ref', 'received_at', 'location', 'source', 'child_ref', 'child_given_name', 'child_family_name',
  'child_sex', 'child_birth_date', 'harm_types', 'place', 'perpetrators', 'description',
] as const;

const CHILD_COLUMNS = ['child_given_name', 'child_family_name', 'child_sex', 'child_birth_date'] as const;

class SignalsCollector implements Collector {
  readonly signals = new Map<string, SignalImportRow>();
  readonly children = new Map<string, ChildImportRow>();

  private readonly hours = new Map<string, number>();

  constructor(private readonly ctx: ValidateContext) {}

  private screeningHours(country: string): number {
    let h = this.hours.get(country);
    if (h === undefined) this.hours.set(country, (h = deadlinesFor(country).screeningHours));
    return h;
  }

  row(cells: Cells, line: number): void {
    const { ctx } = this;
    const before = ctx.issues.total;
    const signalRef = checkRef(ctx, cells, 'signal_ref', line);
    const place = checkLocation(ctx, cells, 'location', line);
    const at = checkInstant(ctx, cells, 'received_at', line, place ? ctx.reference.zoneOf(place.country) : null);
    const source = checkCode(ctx, cells, 'source', line, 'signalSource');
    const harmTypes = checkCodes(ctx, cells, 'harm_types', line, 'harmType', 1);
    const where = checkCode(ctx, cells, 'place', line, 'place', 'unknown');
    const perpetrators = checkCodes(ctx, cells, 'perpetrators', line, 'perpetrator', 0);
    const description = checkText(ctx, cells, 'description', line, 10_000, false);

    // The child: all child columns blank means a signal with no child named on this row.
    const childRef = checkRef(ctx, cells, 'child_ref', line, false);
    let child: Omit<ChildImportRow, 'key' | 'id'> | null = null;
    if (childRef) {
      const given = checkText(ctx, cells, 'child_given_name', line, 200, true);
      const family = checkText(ctx, cells, 'child_family_name', line, 200, true);
      const sex = checkCode(ctx, cells, 'child_sex', line, 'sex', 'unknown');
      const birth = cells('child_birth_date');
      let birthDate: string | null = null;
      if (birth !== '') {
        const d = parseDate(birth);
        if (d === 'format') ctx.issues.add(line, 'child_birth_date', 'must be a date as YYYY-MM-DD');
        else if (d === 'impossible') ctx.issues.add(line, 'child_birth_date', 'is not a real calendar date');
        else if (at && d > at.localDate) ctx.issues.add(line, 'child_birth_date', 'is after the signal was received');
        else birthDate = d;
      }
      if (given && family && sex && place) {
        child = { country: place.country, ref: childRef, givenName: given, familyName: family, sex, birthDate, municipalityCode: place.code, unitId: place.unitId, line };
      }
    } else if (cells('child_ref') === '') {
      for (const c of CHILD_COLUMNS) if (cells(c) !== '') ctx.issues.add(line, 'child_ref', 'is required when the child is named');
    }
    if (ctx.issues.total !== before || !signalRef || !place || !at || !source || !harmTypes || !where || !perpetrators || description === undefined) return;

    if (child) {
      const ckey = `${child.country}\u0000${child.ref}`;
      const known = this.children.get(ckey);
      if (!known) this.children.set(ckey, { ...child, key: ckey, id: null });
      else {
        const differs = known.givenName !== child.givenName ? 'child_given_name' : known.familyName !== child.familyName ? 'child_family_name' : known.sex !== child.sex ? 'child_sex' : known.birthDate !== child.birthDate ? 'child_birth_date' : null;
        if (differs) return ctx.issues.add(line, differs, `differs from line ${known.line} for the same child_ref`);
      }
    }

    const key = `${place.country}\u0000${signalRef}`;
    const signal: SignalImportRow = {
      key,
      country: place.country,
      ref: signalRef,
      line,
      receivedAt: at.ms,
      screeningDueAt: at.ms + this.screeningHours(place.country) * 3_600_000,
      jurisdictionCode: place.code,
      regionCode: place.regionCode,
      unitId: place.unitId,
      source,
      harmTypes,
      place: where,
      perpetrators: perpetrators.length ? perpetrators : ['unknown'],
      description: description ?? null,
      childKeys: child ? [`${child.country}\u0000${child.ref}`] : [],
    };
    const known = this.signals.get(key);
    if (!known) {
      this.signals.set(key, signal);
      return;
    }
    const differs = signalDifference(known, signal);
    if (differs) return ctx.issues.add(line, differs, `differs from line ${known.line} for the same signal_ref`);
    if (signal.childKeys[0]) {
      if (known.childKeys.includes(signal.childKeys[0])) return ctx.issues.add(line, 'child_ref', `repeats the child of an earlier row of this signal`);
      known.childKeys.push(signal.childKeys[0]);
    }
  }

  write(door: Door, options: WriteOptions) {
    return writeSignals(door, { signals: [...this.signals.values()], children: [...this.children.values()] }, options);
  }
}

function signalDifference(a: SignalImportRow, b: SignalImportRow): string | null {
  if (a.receivedAt !== b.receivedAt) return 'received_at';
  if (a.jurisdictionCode !== b.jurisdictionCode) return 'location';
  if (a.source !== b.source) return 'source';
  if (a.harmTypes.join(';') !== b.harmTypes.join(';')) return 'harm_types';
  if (a.place !== b.place) return 'place';
  if (a.perpetrators.join(';') !== b.perpetrators.join(';')) return 'perpetrators';
  if (a.description !== b.description) return 'description';
  return null;
}

export const signalsType: RecordType = {
  name: 'signals',
  columns: SIGNAL_COLUMNS,
  collect: (ctx) => new SignalsCollector(ctx),
  exportRows: (door, query) => exportSignalRows(door, query),
};

registerRecordType(signalsType);
