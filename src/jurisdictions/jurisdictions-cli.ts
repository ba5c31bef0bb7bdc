import fs from 'node:fs';
import type { Command } from 'commander';
import { UsageError, withDatabase } from '../cli/cli-support.ts';

/** `safetynet jurisdictions load <file>`: a country's jurisdictions (and deadlines) from a JSON file. */
export function registerJurisdictionsCommands(program: Command): void {
  program
    .command('jurisdictions')
    .description('reference data')
    .command('load <file>')
    .description('add or update a country from a JSON file (format: src/domain/reference/country-file.ts)')
    .action(async (file: string) => {
      const { CountryFile } = await import('../domain/reference/country-file.ts');
      const { loadCountry } = await import('./load.ts');
      let parsed;
      try {
        parsed = CountryFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      } catch (err) {
        throw new UsageError(`${file} is not readable JSON: ${(err as Error).message}`);
      }
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      const country = parsed.data;
      await withDatabase('jurisdictions load', async (database) => {
        const n = await loadCountry(database.owner, country);
        console.log(`Loaded ${country.nameEn}: ${n} jurisdictions.`);
      });
    });
}
