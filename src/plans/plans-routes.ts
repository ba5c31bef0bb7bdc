import type { App } from '../server/types.ts';

/** The plans capability's routes (under /api/v1). */
export async function plansRoutes(_app: App) {}
