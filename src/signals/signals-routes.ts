import type { App } from '../server/types.ts';

/** The signals capability's HTTP routes under /api/v1. */
export async function signalsRoutes(_app: App) {}
