import type { App } from '../server/types.ts';

/** The reports capability's HTTP routes under /api/v1. */
export async function reportsRoutes(_app: App) {}
