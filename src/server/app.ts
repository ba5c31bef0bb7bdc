import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { type ZodTypeProvider, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAuthHooks } from '../auth/auth-hooks.ts';
import { authRoutes } from '../auth/auth-routes.ts';
import { assessmentsRoutes } from '../assessments/assessments-routes.ts';
import { casesRoutes } from '../cases/cases-routes.ts';
import { childrenRoutes } from '../children/children-routes.ts';
import { contactsRoutes } from '../contacts/contacts-routes.ts';
import { placementsRoutes } from '../placements/placements-routes.ts';
import { sheltersRoutes } from '../shelters/shelters-routes.ts';
import { preventionRoutes } from '../prevention/prevention-routes.ts';
import { boardsRoutes } from '../boards/boards-routes.ts';
import { feedbackRoutes } from '../feedback/feedback-routes.ts';
import { kioskPage } from '../feedback/kiosk-page.ts';
import { trainingsRoutes } from '../trainings/trainings-routes.ts';
import { trainingsPublicRoutes } from '../trainings/trainings-public.ts';
import { plansRoutes } from '../plans/plans-routes.ts';
import { referralsRoutes } from '../referrals/referrals-routes.ts';
import { transfersRoutes } from '../transfers/transfers-routes.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { jurisdictionsRoutes } from '../jurisdictions/jurisdictions-routes.ts';
import { organisationsRoutes } from '../organisations/organisations-routes.ts';
import { interchangeRoutes } from '../interchange/interchange-routes.ts';
import { meetingsRoutes } from '../meetings/meetings-routes.ts';
import { reportsRoutes } from '../reports/reports-routes.ts';
import { signalsRoutes } from '../signals/signals-routes.ts';
import { intakesRoutes } from '../intakes/intakes-routes.ts';
import { tasksRoutes } from '../tasks/tasks-routes.ts';
import { usersRoutes } from '../users/users-routes.ts';
import { homeRoutes } from '../home/home-routes.ts';
import { institutionsRoutes } from '../institutions/institutions-routes.ts';
import { attachmentsRoutes } from '../attachments/attachments-routes.ts';
import { notificationsRoutes } from '../notifications/notifications-routes.ts';
import { breakGlassRoutes } from '../breakglass/breakglass-routes.ts';
import { retentionRoutes } from '../retention/retention-routes.ts';
import { configureMail } from '../notifications/mail-settings.ts';
import { installErrorHandler } from './errors.ts';
import { installIdempotency } from './idempotency.ts';
import { installInputGuard } from './input-guard.ts';
import type { App } from './types.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * How the built web app is served. Vite names every file under assets/ by a hash of its content,
 * so a browser may keep it for a year without asking again; anything else (index.html, which
 * names the current files, the favicon, the manifest) is checked on each load (`no-cache`, with
 * its ETag). Each text file has its brotli and gzip forms beside it (built by vite.config.ts):
 * the browser gets the best it accepts, with no compressing per request. The dot-folder
 * .vite/ (the build's manifest) is not served, and the build holds no source maps.
 */
const WEB_STATIC: FastifyStaticOptions = {
  root: WEB_DIST,
  prefix: '/',
  wildcard: false,
  index: ['index.html'],
  preCompressed: true,
  globIgnore: ['**/*.br', '**/*.gz'],
  dotfiles: 'ignore',
  cacheControl: false,
  setHeaders: (reply: FastifyReply, file: string) => {
    const hashed = path.relative(WEB_DIST, file).startsWith(`assets${path.sep}`);
    reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
};

/** Whether a URL is one of the web app's pages (routed in the browser), not a file or the API. */
function isAppPath(url: string): boolean {
  const pathname = url.split(/[?#]/, 1)[0] ?? '';
  if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/assets/')) return false;
  return !/\.[^/]*$/.test(pathname);
}

/** Capabilities, each a Fastify plugin under /api/v1. Later capabilities add their line here. */
const CAPABILITIES = [
  authRoutes, usersRoutes, organisationsRoutes, jurisdictionsRoutes, childrenRoutes, tasksRoutes,
  signalsRoutes, intakesRoutes, meetingsRoutes, interchangeRoutes, reportsRoutes, casesRoutes, assessmentsRoutes,
  plansRoutes, contactsRoutes, placementsRoutes, referralsRoutes, transfersRoutes, homeRoutes,
  attachmentsRoutes, notificationsRoutes, institutionsRoutes, sheltersRoutes,
  breakGlassRoutes,
  retentionRoutes,
  preventionRoutes,
  boardsRoutes,
  feedbackRoutes,
  trainingsRoutes,
];

/**
 * Log lines carry method, route and status: never bodies, query strings or cookies, nor the
 * path as sent (a mistyped URL may hold a name): the route's pattern and its id parameters.
 */
const ID_LIKE = /^[0-9a-f-]{36}$/i;
const routeOf = (req: { routeOptions?: { url?: string }; params?: unknown }) => {
  const ids = Object.entries((req.params ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string' && ID_LIKE.test(v));
  return { route: req.routeOptions?.url ?? '(no route)', ...(ids.length ? { ids: Object.fromEntries(ids) } : {}) };
};
const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  serializers: {
    req: (req) => ({ id: req.id, method: req.method, ...routeOf(req as unknown as Parameters<typeof routeOf>[0]) }),
    res: (res) => ({ statusCode: res.statusCode }),
  },
});

export type RegisteredRoute = { method: string; url: string; public: boolean };
const ROUTES = new WeakMap<object, RegisteredRoute[]>();
/** Every route the app registered (the OpenAPI document hides some): for the generated sweeps. */
export function registeredRoutes(app: App): readonly RegisteredRoute[] {
  return ROUTES.get(app) ?? [];
}

/** `logStream`: where log lines go instead of standard output (the log test reads them). */
export async function buildApp(database: Database, config: Config, opts: { logger?: boolean; logStream?: { write(line: string): void } } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger === false ? false : { ...(loggerOptions(config.logLevel) as object), ...(opts.logStream ? { stream: opts.logStream } : {}) },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // A URL the router cannot take (bad percent-encoding, an over-long parameter) is answered
    // before any hook runs: give it the same JSON shape and security headers as other errors,
    // without echoing the path back.
    frameworkErrors: (err: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status = err.statusCode ?? 400;
      reply
        .header('content-security-policy', "default-src 'self'; frame-ancestors 'none'")
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store');
      if (status >= 500) return reply.code(500).send({ message: 'Internal error' });
      return reply.code(status).send({ message: err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the URL is too long' : 'The URL is not valid' });
    },
  }).withTypeProvider<ZodTypeProvider>();
  const routes: RegisteredRoute[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, public: route.config?.auth === 'public' });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', database);
  app.decorate('config', config);
  configureMail({ smtpUrl: config.smtpUrl, from: config.mailFrom, publicUrl: config.publicUrl });
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.trustProxy ? [] : null,
      },
    },
    strictTransportSecurity: config.trustProxy,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Safetynet API', version: '1', description: 'Child protection information system. Sign in with POST /api/v1/auth/login; send the x-csrf-token header on every change.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sn_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs page keeps swagger-ui's own CSP (hashes for its assets) but may not be framed, and
  // calls no outside validator.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) => header.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(' validator.swagger.io', ''),
    uiConfig: { docExpansion: 'list', validatorUrl: null },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());

  installAuthHooks(app);
  installInputGuard(app);
  installIdempotency(app);
  // Child data is never cached (not by the browser, not by a proxy): every answer of the API
  // says so, errors included. Only the OpenAPI document and its docs (outside /api/v1) may be.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/v1/') || request.url === '/api/v1') reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(
    async (api) => {
      for (const capability of CAPABILITIES) await api.register(capability);
    },
    { prefix: '/api/v1' },
  );

  await app.register(trainingsPublicRoutes);
  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, WEB_STATIC);
  if (hasWeb) kioskPage(app);
  // The web app routes in the browser: any other GET outside /api answers its index page, but
  // not a path naming a file (a missing script, /favicon.ico, a .map): that is a plain 404.
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && isAppPath(request.url)) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send({ message: 'Not found' });
  });
  return app;
}
