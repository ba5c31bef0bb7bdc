import type { z } from 'zod';
import { ContactInput } from '../../contacts/contact-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { orNull } from '../cases/form-kit.ts';
import { withLocalOffset } from '../signals/signal-form.ts';

/**
 * The contact form's values (as the inputs hold them), its fields (read from the input schema) and
 * its mapper to the API input. The mapper returns `EveryInputKey<typeof X>`: a field of the schema
 * it forgets (or one the schema does not have) does not compile.
 */

export interface ContactValues { kind: string; occurredAt: string; present: string; childSeen: boolean; childHeardAlone: boolean; notHeardReason: string; notes: string; childSaid: string; preferredPlace: string }
export const CONTACT_FIELDS = fieldNames(ContactInput);
sameKeys<ContactValues, z.input<typeof ContactInput>>();

export function toContactInput(v: ContactValues): EveryInputKey<typeof ContactInput> {
  return {
    kind: v.kind as never,
    occurredAt: withLocalOffset(v.occurredAt),
    present: v.present.split(/[,\n]/).map((p) => p.trim()).filter(Boolean),
    childSeen: v.childSeen,
    childHeardAlone: v.childHeardAlone,
    notHeardReason: v.childHeardAlone ? null : v.notHeardReason.trim(),
    notes: orNull(v.notes),
    childSaid: orNull(v.childSaid),
    preferredPlace: (v.preferredPlace || null) as never,
  };
}
