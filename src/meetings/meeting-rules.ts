import { addHours, deadlinesFor, localDay } from '../domain/deadlines.ts';
import { TAXONOMIES, type Sector } from '../domain/taxonomies.ts';

/**
 * Rules of the coordination meeting (DOMAIN.md, step 3), pure so that the server, the web app
 * and the tests apply the same ones.
 */

/** Harm types that make a signal a signal of violence: its meeting has mandatory members. */
export const VIOLENCE_HARM_TYPES = [
  'physical', 'sexual', 'psychological', 'neglect', 'cyberbullying', 'trafficking', 'child_marriage',
  'labour_exploitation',
] as const;

export function isViolence(harmTypes: readonly string[]): boolean {
  return harmTypes.some((h) => (VIOLENCE_HARM_TYPES as readonly string[]).includes(h));
}

/** Sectors in the taxonomy's order, each once: stored arrays compare equal however they were built. */
function ordered(sectors: Iterable<string>): Sector[] {
  const set = new Set(sectors);
  return TAXONOMIES.sector.filter((s) => set.has(s));
}

/**
 * Who must sit at the table: for a violence signal, social services (the unit), the police, and
 * the school when any child concerned is in school. Other meetings have no mandatory members;
 * others join by invitation.
 */
export function mandatorySectors(input: { harmTypes: readonly string[]; childrenInSchool: ReadonlyArray<boolean | null> }): Sector[] {
  if (!isViolence(input.harmTypes)) return [];
  const out: Sector[] = ['social_services', 'police'];
  if (input.childrenInSchool.some((s) => s === true)) out.push('education');
  return ordered(out);
}

/** Sectors represented by a participant who attended (not merely invited). */
export function sectorsPresent(participants: ReadonlyArray<{ sector: string; attended: boolean | null }>): Sector[] {
  return ordered(participants.filter((p) => p.attended === true).map((p) => p.sector));
}

/** Mandatory sectors not among those given (present at a held meeting, or invited to a planned one). */
export function missingSectors(mandatory: readonly string[], present: readonly string[]): Sector[] {
  return ordered(mandatory.filter((s) => !present.includes(s)));
}

/**
 * The sectors to flag on a meeting: at a held meeting, the mandatory sectors nobody attended
 * for; before it is held, the mandatory sectors nobody was invited for. A cancelled meeting
 * flags nothing.
 */
export function flaggedSectors(meeting: {
  status: string;
  mandatory: readonly string[];
  participants: ReadonlyArray<{ sector: string; attended: boolean | null }>;
}): Sector[] {
  if (meeting.status === 'cancelled') return [];
  if (meeting.status === 'held') return missingSectors(meeting.mandatory, sectorsPresent(meeting.participants));
  return missingSectors(meeting.mandatory, meeting.participants.map((p) => p.sector));
}

/**
 * When the initial meeting on a signal is due: within initialMeetingHours of receipt, or within
 * crisisMeetingHours (immediately, as a crisis intervention) when the child is in danger.
 */
export function initialMeetingDueAt(signal: { receivedAt: Date; urgency: string; country: string }): Date {
  const d = deadlinesFor(signal.country);
  return addHours(signal.receivedAt, signal.urgency === 'immediate' ? d.crisisMeetingHours : d.initialMeetingHours);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An action item's due date when none is given: the meeting's day plus actionItemDefaultDays. */
export function defaultActionItemDue(heldAt: Date, country: string, timeZone: string): string {
  return addDays(localDay(heldAt, timeZone), deadlinesFor(country).actionItemDefaultDays);
}

/** What is wrong with an action item's due day, if anything: before the meeting's day, or more than ten years after it. */
export function actionItemDueProblem(due: string, heldDay: string): { path: string; message: string } | null {
  if (due < heldDay) return { path: 'dueDate', message: 'must not be before the meeting' };
  if (due > addDays(heldDay, 3660)) return { path: 'dueDate', message: 'is too far after the meeting' };
  return null;
}

/** Overdue once the due day has passed: an item due today is not yet late. */
export function isActionItemOverdue(item: { dueDate: string; done: boolean }, today: string): boolean {
  return !item.done && today > item.dueDate;
}
