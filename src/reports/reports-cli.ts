import type { Command } from 'commander';

/** The reports commands of the `safetynet` CLI. */
export function registerReportsCommands(_program: Command): void {}
