import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPlaces, openCliDatabase, runCli } from '../testing/cli.ts';

/**
 * The `safetynet` command as an operator runs it: a child process on a data directory (or, on
 * the PostgreSQL run, a database) of its own. Spawning is slow, so each test runs several
 * commands in the order an operator would; the tests of this file build on each other.
 */
const ORG = 'Drejtoria Vendore e Policisë Korçë';
const places = cliPlaces('cli');
const root = places.root;
const newEnv = () => places.env();
const cli = (env: NodeJS.ProcessEnv, args: string[], stdin?: string) => runCli(env, args, stdin);
const openAsOwner = (env: NodeJS.ProcessEnv) => openCliDatabase(env, 'cli.test');

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = await newEnv();
});
afterAll(() => places.cleanup());

describe('safetynet CLI', () => {
  it('migrates, seeds the demo data once, and says so the second time', async () => {
    const migrated = await cli(env, ['migrate']);
    expect(migrated).toMatchObject({ code: 0, stderr: '' });
    expect(migrated.stdout).toMatch(/^Applied migrations 0001(, \d{4})* on (embedded PGlite in .+|PostgreSQL localhost:5432\/safetynet_test_cli_\w+)\n$/);

    const seeded = await cli(env, ['seed-demo']);
    expect(seeded).toEqual({ code: 0, stdout: 'Demo data created.\n', stderr: '' });
    const again = await cli(env, ['seed-demo']);
    expect(again).toEqual({ code: 0, stdout: 'Demo data is already present; nothing changed.\n', stderr: '' });
  }, 120_000);

  it('adds a user with the password on standard input, refuses a bad role, disables and lists', async () => {
    const added = await cli(env, ['users', 'add', 'newuser', '--name', 'New User', '--organisation', ORG, '--roles', 'caseworker'], 'a-long-enough-password\n');
    expect(added).toEqual({ code: 0, stdout: `Added newuser (caseworker) at ${ORG}.\n`, stderr: '' });

    const badRole = await cli(env, ['users', 'add', 'other', '--name', 'Other', '--organisation', ORG, '--roles', 'caseworker,wizard'], 'a-long-enough-password\n');
    expect(badRole.code).toBe(1);
    expect(badRole.stdout).toBe('');
    expect(badRole.stderr).toContain("option '--roles <roles>' argument 'caseworker,wizard' is invalid. roles must be a comma-separated list of: caseworker, supervisor,");

    // The password rules hold on the command line too.
    const weak = await cli(env, ['users', 'add', 'weakling', '--name', 'Weak', '--organisation', ORG, '--roles', 'partner'], 'aaaaaaaaaaaa\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('The password repeats a character or a short piece');
    const common = await cli(env, ['users', 'set-password', 'newuser'], 'Password1234!\n');
    expect(common.code).toBe(1);
    expect(common.stderr).toContain('The password is a common password');
    const reset = await cli(env, ['users', 'set-password', 'newuser'], 'Orchard-Signal-Pebble-12\n');
    expect(reset).toEqual({ code: 0, stdout: 'Password set for newuser.\n', stderr: '' });

    const disabled = await cli(env, ['users', 'disable', 'newuser']);
    expect(disabled).toEqual({ code: 0, stdout: 'Disabled newuser.\n', stderr: '' });

    const list = await cli(env, ['users', 'list']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8 + 17 + 1); // the demo users (p.todorova, r.todorova, r.gjoni and p.dimova since issue 13; k.vasileva, the Bulgarian trainer, since issue 14) and the new one
    expect(lines.find((l) => l.startsWith('newuser '))).toMatch(/^newuser\s+caseworker\s+disabled\s+Drejtoria Vendore e Policisë Korçë$/);
    expect(lines.find((l) => l.startsWith('caseworker '))).toMatch(/\sactive\s/);
    expect(lines.some((l) => l.startsWith('other '))).toBe(false);
  }, 120_000);

  it('verifies the audit log, backs up, and restores into another database', async () => {
    const verified = await cli(env, ['audit', 'verify']);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Audit log intact: \d+ entries in 3 chains \(\d+\.\d\d s\)\.\nChecked against the checkpoints of 3 chains \(the latest of \S+\) in .+audit-checkpoints.+\.jsonl\.\n$/);

    const file = path.join(root, 'cli-backup.jsonl.gz');
    const backedUp = await cli(env, ['backup', file]);
    expect(backedUp.stderr).toBe('');
    expect(backedUp.code).toBe(0);
    const counts = /^Backed up (\d+) rows of \d+ tables to (.+)\.\n$/.exec(backedUp.stdout);
    expect(counts?.[2]).toBe(file);
    const rows = Number(counts![1]);
    expect(rows).toBeGreaterThan(400);

    const elsewhere = await newEnv();
    const restored = await cli(elsewhere, ['restore', file]);
    expect(restored.stderr).toBe('');
    expect(restored).toMatchObject({ code: 0, stdout: `Restored ${rows} rows from ${file}. Audit log intact.\n` });
    const copy = await openAsOwner(elsewhere);
    try {
      const user = await copy.owner.selectFrom('users').select('disabled_at').where('username', '=', 'newuser').executeTakeFirstOrThrow();
      expect(user.disabled_at).toBeInstanceOf(Date);
    } finally {
      await copy.close();
    }
    // The restored database verifies against the checkpoints the restore started.
    const verifiedCopy = await cli(elsewhere, ['audit', 'verify']);
    expect(verifiedCopy).toMatchObject({ code: 0, stderr: '' });
    expect(verifiedCopy.stdout).toMatch(/\nChecked against the checkpoints of 3 chains since the restore of \S+ \(the latest of \S+\) in .+\.\n$/);
  }, 120_000);

  it('names the chain and entry of a tampered audit log', async () => {
    const database = await openAsOwner(env);
    let target: { chain: string; seq: number };
    try {
      const disabledUser = await database.owner.selectFrom('users').select(['id', 'disabled_at']).where('username', '=', 'newuser').executeTakeFirstOrThrow();
      expect(disabledUser.disabled_at).toBeInstanceOf(Date);
      // The entry that recorded the new user: rewrite what it says.
      const entry = await database.owner
        .selectFrom('audit_log')
        .select(['chain', 'seq'])
        .where('entity_id', '=', disabledUser.id)
        .orderBy('seq')
        .executeTakeFirstOrThrow();
      target = { chain: entry.chain, seq: Number(entry.seq) };
      await database.owner.transaction().execute(async (tx) => {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(tx);
        const changed = await sql`UPDATE audit_log SET detail = detail || '{"forged": true}'::jsonb WHERE chain = ${target.chain} AND seq = ${target.seq}`.execute(tx);
        expect(Number(changed.numAffectedRows)).toBe(1);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(tx);
      });
    } finally {
      await database.close();
    }
    const verified = await cli(env, ['audit', 'verify']);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toBe('');
    expect(verified.stderr).toBe(`Audit log BROKEN at chain ${target.chain}, entry ${target.seq}: was changed after it was written.\n`);
  }, 120_000);

  it('names a chain whose tail was cut and head rewound by the database owner, through the checkpoints', async () => {
    const database = await openAsOwner(env);
    let cut: { chain: string; last: number };
    try {
      // The last entries of the country chain go, and its head is set to the entry before them.
      const h = await database.owner.selectFrom('audit_heads').select(['chain', 'seq']).where('chain', '=', 'AL').executeTakeFirstOrThrow();
      cut = { chain: h.chain, last: Number(h.seq) };
      expect(cut.last).toBeGreaterThan(3);
      await database.owner.transaction().execute(async (tx) => {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(tx);
        await sql`DELETE FROM audit_log WHERE chain = 'AL' AND seq > ${cut.last - 2}`.execute(tx);
        await sql`UPDATE audit_heads SET seq = ${cut.last - 2}, hash = (SELECT hash FROM audit_log WHERE chain = 'AL' AND seq = ${cut.last - 2}) WHERE chain = 'AL'`.execute(tx);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(tx);
      });
    } finally {
      await database.close();
    }
    const verified = await cli(env, ['audit', 'verify']);
    expect(verified).toMatchObject({ code: 1, stdout: '' });
    expect(verified.stderr).toMatch(new RegExp(`^Audit log BROKEN at chain AL, entry ${cut.last - 1}: the chain ends at ${cut.last - 2} but the checkpoint of \\S+ recorded entry ${cut.last} \\(entries removed from its end and its head rewound\\)\\.\n$`));
  }, 120_000);

  it('loads a country from a file, and names the field of a broken file', async () => {
    const country = {
      code: 'XK',
      nameLocal: 'Vendi i Provës',
      nameEn: 'Testland',
      timezone: 'Europe/Belgrade',
      languages: ['sq', 'sr'],
      regions: [
        { code: 'XK-01', nameLocal: 'Veriu', nameEn: 'North', municipalities: [{ code: 'XK-01-AAA', nameLocal: 'Aa', nameEn: 'Aa' }] },
        { code: 'XK-02', nameLocal: 'Jugu', nameEn: 'South', municipalities: [{ code: 'XK-02-BBB', nameLocal: 'Bb', nameEn: 'Bb' }, { code: 'XK-02-CCC', nameLocal: 'Cc', nameEn: 'Cc' }] },
      ],
      deadlines: {
        screeningHours: 24, initialMeetingHours: 24, crisisMeetingHours: 2, actionItemDefaultDays: 7,
        initialAssessmentDays: { high: 7, medium: 14, low: 14 }, planDays: 30, planReviewDays: { high: 30, medium: 90, low: 90 },
        referralResponseDays: 5, referralCompletionDays: 60,
      },
    };
    // Without deadlines the country is refused: no country gets another's deadlines.
    const bare = path.join(root, 'xk-bare.json');
    fs.writeFileSync(bare, JSON.stringify({ ...country, deadlines: undefined }));
    const noDeadlines = await cli(env, ['jurisdictions', 'load', bare]);
    expect(noDeadlines).toEqual({ code: 1, stdout: '', stderr: 'deadlines: is required: XK has no deadline configuration (format: src/domain/reference/deadlines/AL.json)\n' });
    const good = path.join(root, 'xk.json');
    fs.writeFileSync(good, JSON.stringify(country));
    const loaded = await cli(env, ['jurisdictions', 'load', good]);
    expect(loaded).toEqual({ code: 0, stdout: 'Loaded Testland: 6 jurisdictions.\n', stderr: '' });

    country.regions[1]!.municipalities[1]!.code = 'XK-01-CCC';
    const broken = path.join(root, 'xk-broken.json');
    fs.writeFileSync(broken, JSON.stringify(country));
    const refused = await cli(env, ['jurisdictions', 'load', broken]);
    expect(refused).toEqual({ code: 1, stdout: '', stderr: 'regions.1.municipalities.1.code: municipality code must start with XK-02-\n' });

    const database = await openAsOwner(env);
    try {
      const rows = await database.owner.selectFrom('jurisdictions').select(['code', 'level', 'parent_code']).where('country', '=', 'XK').orderBy('code').execute();
      expect(rows).toEqual([
        { code: 'XK', level: 'country', parent_code: null },
        { code: 'XK-01', level: 'region', parent_code: 'XK' },
        { code: 'XK-01-AAA', level: 'municipality', parent_code: 'XK-01' },
        { code: 'XK-02', level: 'region', parent_code: 'XK' },
        { code: 'XK-02-BBB', level: 'municipality', parent_code: 'XK-02' },
        { code: 'XK-02-CCC', level: 'municipality', parent_code: 'XK-02' },
      ]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
