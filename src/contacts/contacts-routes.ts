import type { App } from '../server/types.ts';

/** The contacts capability's routes (under /api/v1). */
export async function contactsRoutes(_app: App) {}
