import type { App } from '../server/types.ts';

/** The transfers capability's routes (under /api/v1). */
export async function transfersRoutes(_app: App) {}
