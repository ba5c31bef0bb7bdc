import type { z } from 'zod';
import { ActionItemInput, MeetingInput, ParticipantInput } from '../../meetings/meeting-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { fromWallClock } from '../app/time-zone.ts';

/**
 * The convene-a-meeting form and the participant rows (also the "add a participant" control of a
 * meeting): values as the inputs hold them, and mappers to MeetingInput / ParticipantInput that
 * name every key of the schema (EveryInputKey: a forgotten one does not compile).
 */
export type ParticipantRow = { kind: 'organisation' | 'person'; organisationId: string; name: string; institution: string; sector: string; attended: boolean };

export type MeetingFormValues = {
  type: string;
  status: 'planned' | 'held';
  /** As the datetime-local input holds it (local time, no zone); sent as an ISO instant. */
  heldAt: string;
  childIds: string[];
  participants: ParticipantRow[];
  decisions: string;
};

/** The page gives the signal (from the address) and leaves the municipality to the server (the unit's own). */
const SUPPLIED = ['signalId', 'municipalityCode'] as const;
export const MEETING_FORM_FIELDS = fieldNames(MeetingInput, SUPPLIED);
sameKeys<MeetingFormValues, Omit<z.input<typeof MeetingInput>, (typeof SUPPLIED)[number]>>();

export const ACTION_ITEM_FIELDS = fieldNames(ActionItemInput);

/**
 * A participant as the API takes it: an organisation (its sector only when the worker named one)
 * or a person who is not a user. `attended` is left out (undefined) where the form does not ask it.
 */
export function toParticipantInput(p: Omit<ParticipantRow, 'attended'>, attended: boolean | null | undefined): EveryInputKey<typeof ParticipantInput> {
  const organisation = p.kind === 'organisation';
  return {
    organisationId: organisation ? p.organisationId || undefined : undefined,
    userId: undefined,
    name: organisation ? undefined : p.name.trim() || undefined,
    institution: organisation ? undefined : p.institution.trim() || undefined,
    sector: (p.sector || undefined) as never,
    attended,
  };
}

export function toMeetingInput(v: MeetingFormValues, signalId: string | null): EveryInputKey<typeof MeetingInput> {
  return {
    type: v.type as never,
    heldAt: v.heldAt ? fromWallClock(v.heldAt) : '',
    status: v.status,
    signalId: signalId ?? undefined,
    childIds: signalId ? undefined : v.childIds,
    municipalityCode: undefined,
    participants: v.participants.map((p) => toParticipantInput(p, v.status === 'held' ? p.attended : null)),
    decisions: v.decisions.trim() || null,
  };
}
