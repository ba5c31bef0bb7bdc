import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { systemDoor } from '../policy/door.ts';
import { runRetention } from './retention.ts';

/**
 * The server's daily retention run (started by src/server/start.ts like the mail worker): once a
 * day, at or after `hour` (UTC), a run as `system:retention`. Each child is its own transaction,
 * so a run cut short by a stop or a crash is finished by the next one. Logs counts and error
 * codes only.
 */
export function startRetentionWorker(db: Kysely<DB>, opts: { hour: number; log: (msg: string) => void; everyMs?: number }): () => Promise<void> {
  let lastDay: string | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    if (running || lastDay === day || now.getUTCHours() < opts.hour) return;
    running = (async () => {
      try {
        const r = await runRetention(systemDoor(db, 'retention'), { now, log: opts.log });
        lastDay = day;
        if (r.anonymised > 0 || r.failed > 0) opts.log(`retention: ${r.anonymised} anonymised, ${r.failed} failed, ${r.held} kept by a legal hold`);
      } catch (err) {
        opts.log(`retention run: ${(err as { code?: string }).code ?? (err as Error).name}`);
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, opts.everyMs ?? 10 * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
