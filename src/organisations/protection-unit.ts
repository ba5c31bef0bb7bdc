import type { Tx } from '../policy/door.ts';

/**
 * The Child Protection Unit responsible for a municipality: its first active unit (by creation,
 * then id), or null. Signals registered for the municipality, shelter stays of its children and
 * the children's words left at its providers' feedback kiosks go to it.
 */
export async function protectionUnitFor(tx: Tx, country: string, municipality: string): Promise<string | null> {
  const unit = await tx.selectFrom('organisations').select('id').where('country', '=', country).where('jurisdiction_code', '=', municipality)
    .where('is_protection_unit', '=', true).where('active', '=', true).orderBy('created_at').orderBy('id').executeTakeFirst();
  return unit?.id ?? null;
}
