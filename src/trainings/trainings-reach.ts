import type { Actor, UserActor } from '../policy/actor.ts';
import { ForbiddenError } from '../errors.ts';

/**
 * Who keeps the trainings register (issue 14 §5). Training data is not child data, but its
 * participants are professionals' personal data: a trainer manages the records of the trainer's
 * own organisation; an administrator those of the administrator's country. Monitors see only the
 * figures (the services report, src/reports/service-figures.ts); everyone else is refused (403).
 * The certificate's verification page is public and shows only what the certificate says.
 */
export const TRAINING_ROLES = ['trainer', 'admin'] as const;

export type Keeper = UserActor & { scope: 'organisation' | 'country' };

/** The actor as a keeper of the register, or a 403. */
export function keeper(actor: Actor): Keeper {
  if (actor.kind !== 'user') throw new ForbiddenError('Only trainers and administrators keep the trainings register');
  if (actor.roles.includes('trainer')) return { ...actor, scope: 'organisation' };
  if (actor.roles.includes('admin')) return { ...actor, scope: 'country' };
  throw new ForbiddenError('Only trainers and administrators keep the trainings register');
}

/** Whether a record of (country, organisation) is the keeper's. */
export function keeps(k: Keeper, row: { country: string; org_id: string }): boolean {
  return row.country === k.country && (k.scope === 'country' || row.org_id === k.organisationId);
}

/** The days from `from` to `to`, both included (ISO dates). */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

/** Whether `attended` of `total` days meet the share required for a certificate (1: every day). */
export function attendedEnough(attended: number, total: number, share: number): boolean {
  return total > 0 && attended >= Math.ceil(total * share - 1e-9);
}
