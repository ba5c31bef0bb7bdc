import type { App } from '../server/types.ts';

/** The meetings capability's HTTP routes under /api/v1. */
export async function meetingsRoutes(_app: App) {}
