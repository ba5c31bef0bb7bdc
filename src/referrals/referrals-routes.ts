import type { App } from '../server/types.ts';

/** The referrals capability's routes (under /api/v1). */
export async function referralsRoutes(_app: App) {}
