import type { App } from '../server/types.ts';

/** The interchange capability's HTTP routes under /api/v1. */
export async function interchangeRoutes(_app: App) {}
