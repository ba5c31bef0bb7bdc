import type { App } from '../server/types.ts';

/** The assessments capability's routes (under /api/v1). */
export async function assessmentsRoutes(_app: App) {}
