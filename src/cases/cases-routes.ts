import type { App } from '../server/types.ts';

/** The cases capability's routes (under /api/v1). */
export async function casesRoutes(_app: App) {}
