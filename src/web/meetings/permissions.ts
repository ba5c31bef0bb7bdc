import type { Me } from '../auth/types.ts';

/**
 * What the web app offers; the server decides. The caseworkers and supervisors of a Child
 * Protection Unit convene meetings; the organisations they invite take part.
 */
export function canConvene(me: Me): boolean {
  return me.organisation.isProtectionUnit && me.roles.some((r) => r === 'caseworker' || r === 'supervisor');
}
