import type { FastifyRequest } from 'fastify';
import { isLanguage, type Language } from '../domain/i18n/languages.ts';
import { translator } from '../reports/report-rows.ts';
import type { App } from '../server/types.ts';
import { verifyCertificate } from './certificates.ts';
import type { Verification } from './trainings-schema.ts';

/**
 * The public verification page of a training certificate (issue 14 §5): GET /verify/<code>, no
 * sign-in, a small server-rendered HTML page under the app's CSP (no script, no outside style).
 * An unknown code answers 404; each address may ask VERIFY_PER_MINUTE times a minute (429 after),
 * so codes cannot be guessed by trying many. The page shows only what the certificate says.
 */
export const VERIFY_PER_MINUTE = 30;
const hits = new Map<string, { start: number; n: number }>();

function limited(ip: string, now = Date.now()): boolean {
  const h = hits.get(ip);
  if (!h || now - h.start >= 60_000) {
    if (hits.size > 10_000) hits.clear();
    hits.set(ip, { start: now, n: 1 });
    return false;
  }
  h.n += 1;
  return h.n > VERIFY_PER_MINUTE;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function languageOf(request: FastifyRequest): Language {
  const q = (request.query as { lang?: string } | undefined)?.lang;
  if (isLanguage(q)) return q;
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  for (const part of header.split(',')) {
    const code = part.trim().slice(0, 2);
    if (isLanguage(code)) return code;
  }
  return 'en';
}

export function verificationPage(language: Language, found: Verification | null): string {
  const { t } = translator(language);
  const v = (key: string) => escape(t(`trainings.verify.${key}`));
  const body = found
    ? `<p class="ok" role="status">${v('valid')}</p>
<dl>
<dt>${v('name')}</dt><dd>${escape(found.name)}</dd>
<dt>${v('module')}</dt><dd>${escape(found.module)} (${found.hours} ${v('hours')})</dd>
<dt>${v('dates')}</dt><dd>${found.startsOn} – ${found.endsOn}</dd>
<dt>${v('issuer')}</dt><dd>${escape(found.issuer)}</dd>
<dt>${v('code')}</dt><dd>${escape(found.code)}</dd>
</dl>`
    : `<p class="bad" role="alert">${v('unknown')}</p>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${v('title')}</title></head>
<body><main><h1>${v('title')}</h1>
${body}
<nav aria-label="${v('languages')}"><ul>${(['sq', 'bg', 'en'] as const).map((l) => `<li><a href="?lang=${l}" lang="${l}">${l.toUpperCase()}</a></li>`).join('')}</ul></nav>
</main></body></html>`;
}

/** Registered outside /api (it is a page, not the API): GET /verify/:code. */
export async function trainingsPublicRoutes(app: App) {
  app.get('/verify/:code', { schema: { hide: true }, config: { auth: 'public' } }, async (request, reply) => {
    const language = languageOf(request);
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (limited(request.ip)) return reply.code(429).send(verificationPage(language, null).replace(/<p class="bad"[^<]*<\/p>/, `<p role="alert">${escape(translator(language).t('trainings.verify.tooMany'))}</p>`));
    const { code } = request.params as { code: string };
    const found = code.length <= 40 ? await verifyCertificate(app.database.db, code) : null;
    return reply.code(found ? 200 : 404).send(verificationPage(language, found));
  });
}
