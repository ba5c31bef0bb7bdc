import type { Door } from '../policy/door.ts';
import { exportMeetingRows } from './export-pages.ts';
import { type MeetingImportRow, writeMeetings } from './meetings-writer.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { checkCode, checkCodes, checkInstant, checkLocation, checkRef } from './common-checks.ts';
import { type Cells, type Collector, type RecordType, type ValidateContext, type WriteOptions, registerRecordType } from './record-types.ts';

/**
 * meetings.csv. A signal_ref, when given, must name a signal already stored in the meeting's
 * country (import signals.csv first); the database check runs in the write's transaction and
 * its problems are reported by line like the others. Initial and crisis meetings on a violence
 * signal must have social services, police and the school: those are their mandatory sectors.
 */
export const MEETING_COLUMNS = ['meeting_ref', 'held_at', 'location', 'type', 'signal_ref', 'sectors_present'] as const;

export const MANDATORY_SECTORS: Record<string, string[]> = {
  initial_signal: ['social_services', 'police', 'education'],
  crisis_intervention: ['social_services', 'police', 'education'],
  follow_up: [],
  procedural: [],
};

class MeetingsCollector implements Collector {
  readonly meetings = new Map<string, MeetingImportRow>();

  constructor(private readonly ctx: ValidateContext) {}

  row(cells: Cells, line: number): void {
    const { ctx } = this;
    const before = ctx.issues.total;
    const ref = checkRef(ctx, cells, 'meeting_ref', line);
    const place = checkLocation(ctx, cells, 'location', line);
    const at = checkInstant(ctx, cells, 'held_at', line, place ? ctx.reference.zoneOf(place.country) : null);
    const type = checkCode(ctx, cells, 'type', line, 'meetingType');
    const signalRef = checkRef(ctx, cells, 'signal_ref', line, false);
    const sectors = checkCodes(ctx, cells, 'sectors_present', line, 'sector', 0);
    if (ctx.issues.total !== before || !ref || !place || !at || !type || !sectors) return;
    const key = `${place.country}\u0000${ref}`;
    const meeting: MeetingImportRow = {
      key,
      country: place.country,
      ref,
      line,
      heldAt: at.ms,
      jurisdictionCode: place.code,
      regionCode: place.regionCode,
      unitId: place.unitId,
      type,
      signalRef,
      // Taxonomy order, as the meetings capability stores them (src/meetings/meeting-rules.ts).
      sectorsPresent: TAXONOMIES.sector.filter((s) => sectors.includes(s)),
      mandatorySectors: MANDATORY_SECTORS[type] ?? [],
    };
    const known = this.meetings.get(key);
    if (!known) {
      this.meetings.set(key, meeting);
      return;
    }
    const differs =
      known.heldAt !== meeting.heldAt ? 'held_at'
      : known.jurisdictionCode !== meeting.jurisdictionCode ? 'location'
      : known.type !== meeting.type ? 'type'
      : known.signalRef !== meeting.signalRef ? 'signal_ref'
      : known.sectorsPresent.join(';') !== meeting.sectorsPresent.join(';') ? 'sectors_present'
      : null;
    if (differs) ctx.issues.add(line, differs, `differs from line ${known.line} for the same meeting_ref`);
  }

  write(door: Door, options: WriteOptions) {
    return writeMeetings(door, [...this.meetings.values()], options);
  }
}

export const meetingsType: RecordType = {
  name: 'meetings',
  columns: MEETING_COLUMNS,
  collect: (ctx) => new MeetingsCollector(ctx),
  exportRows: (door, query) => exportMeetingRows(door, query),
};

registerRecordType(meetingsType);
