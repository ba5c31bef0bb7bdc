import pretty from 'pino-pretty';

/**
 * How the server writes its log: `pretty` (one readable, coloured line per entry, pino-pretty)
 * when a person reads it in a terminal, `json` (one JSON object per line, for a log collector)
 * otherwise. SAFETYNET_LOG_FORMAT chooses; unset, a terminal (stdout is a TTY) outside
 * production gets `pretty`, anything else `json`. The entries are the same either way: method,
 * route, status and ids, never child data (app.ts's serializers).
 */
export type LogFormat = 'pretty' | 'json';

export function logFormat(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): LogFormat {
  const asked = env.SAFETYNET_LOG_FORMAT;
  if (asked === 'pretty' || asked === 'json') return asked;
  if (asked) throw new Error(`Invalid configuration:\n  SAFETYNET_LOG_FORMAT: must be "pretty" or "json" (got "${asked}")`);
  return isTTY && env.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

/** The stream log lines go to: pino-pretty writing to `destination` (stdout), or null for pino's own JSON to stdout. */
export function logStreamFor(format: LogFormat, destination: NodeJS.WritableStream = process.stdout, colorize = Boolean(process.stdout.isTTY)) {
  if (format === 'json') return null;
  return pretty({
    destination,
    colorize,
    sync: true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
  });
}
