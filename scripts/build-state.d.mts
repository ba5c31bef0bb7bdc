// Types of build-state.mjs, for the tests that import it.
export const SERVER_SKIP_DIRS: string[];
export const STAMP: string;
export const MAIN: string;
export function isTest(name: string): boolean;
export function newestServerSource(root: string): number;
export function serverBuildState(root: string): 'current' | 'stale' | 'missing';
