import { deadlinesFor } from '../domain/deadlines.ts';
import type { AuditFn, Door } from '../policy/door.ts';
import { exportSignalRows } from './export-pages.ts';
import { SignalStage, type StagedChild } from './signals-stage.ts';
import { writeSignals } from './signals-writer.ts';
import { checkCode, checkCodes, checkInstant, checkLocation, checkRef, checkText } from './common-checks.ts';
import { type Cells, type RecordType, type StreamingCollector, type ValidateContext, type WriteOptions, type WriteResult, registerRecordType } from './record-types.ts';
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

/**
 * Validates each row as it streams (the checks of one row) and stages the valid ones in the
 * import's transaction (signals-stage.ts); the checks across rows (rows of one signal_ref or one
 * child_ref that disagree, a child named twice on one signal) and the writes run in SQL over the
 * staged rows once the file is read. Memory holds one batch of rows, whatever the file's size.
 */
class SignalsCollector implements StreamingCollector {
  private readonly hours = new Map<string, number>();

  constructor(
    private readonly ctx: ValidateContext,
    private readonly door: Door,
    private readonly stage: SignalStage,
  ) {}

  get full(): boolean {
    return this.stage.full;
  }

  flush(): Promise<void> {
    return this.stage.flush();
  }

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
    let child: StagedChild | null = null;
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
      if (given && family && sex) child = { ref: childRef, givenName: given, familyName: family, sex, birthDate };
    } else if (cells('child_ref') === '') {
      for (const c of CHILD_COLUMNS) if (cells(c) !== '') ctx.issues.add(line, 'child_ref', 'is required when the child is named');
    }
    if (ctx.issues.total !== before || !signalRef || !place || !at || !source || !harmTypes || !where || !perpetrators || description === undefined) return;

    this.stage.add({
      line,
      country: place.country,
      ref: signalRef,
      receivedAt: at.ms,
      screeningDueAt: at.ms + this.screeningHours(place.country) * 3_600_000,
      jurisdictionCode: place.code,
      regionCode: place.regionCode,
      unitId: place.unitId,
      source,
      harmTypes: harmTypes.join(';'),
      place: where,
      perpetrators: (perpetrators.length ? perpetrators : ['unknown']).join(';'),
      description: description ?? null,
      child,
    });
  }

  async finish(audit: AuditFn, options: WriteOptions): Promise<WriteResult> {
    await this.stage.checkAcrossRows(this.ctx.issues);
    if (!this.ctx.issues.empty) return { ok: false, issues: this.ctx.issues };
    return writeSignals(this.door, this.stage, audit, options);
  }
}

export const signalsType: RecordType = {
  name: 'signals',
  columns: SIGNAL_COLUMNS,
  collect: () => {
    throw new Error('signals.csv is imported through stream()');
  },
  stream: async (ctx, door, tx) => new SignalsCollector(ctx, door, await SignalStage.open(tx)),
  exportRows: (door, query) => exportSignalRows(door, query),
};

registerRecordType(signalsType);
