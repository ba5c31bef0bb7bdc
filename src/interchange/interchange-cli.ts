import type { Command } from 'commander';

/** The interchange commands of the `safetynet` CLI. */
export function registerInterchangeCommands(_program: Command): void {}
