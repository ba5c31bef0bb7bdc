/** The placements' view, from the shared API schema (src/placements/placement-schema.ts). */
export type { PlacementView } from '../../placements/placement-schema.ts';
