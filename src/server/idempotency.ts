import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';

/**
 * Idempotent creates. A client sends `Idempotency-Key: <uuid>` on a create; the same user
 * repeating the same key on the same route gets the first answer (its status, and the created
 * record read again through the policy door, as the caller may see it now) and nothing new is
 * created. The same key with another request body is refused (422). Keys are kept 24 hours and
 * hold no child data: the user, the route, a hash of the request, the status and the record's id.
 * A request that failed frees its key, so the corrected request may reuse it.
 *
 * The creates that honour the key, and where each created record is read again: a GET route
 * whose `:name` parts are filled from the create's own path parameters and `:record` with the
 * created record's id. Where the record has no GET of its own, `inList` reads the list the web app
 * shows it in and picks the item with that id (no longer in it: 404, as a missing record).
 */
type Reread = { url: string; inList?: true };
const REREAD: Record<string, Reread> = {
  'POST /api/v1/children': { url: '/api/v1/children/:record' },
  'POST /api/v1/signals': { url: '/api/v1/signals/:record' },
  'POST /api/v1/meetings': { url: '/api/v1/meetings/:record' },
  'POST /api/v1/meetings/:id/action-items': { url: '/api/v1/action-items/:record' },
  'POST /api/v1/cases': { url: '/api/v1/cases/:record' },
  'POST /api/v1/cases/:id/referrals': { url: '/api/v1/referrals/:record' },
  'POST /api/v1/cases/:id/contacts': { url: '/api/v1/cases/:id/contacts', inList: true },
  'POST /api/v1/cases/:id/placements': { url: '/api/v1/cases/:id/placements', inList: true },
  'POST /api/v1/cases/:id/assessments': { url: '/api/v1/cases/:id/assessments', inList: true },
  'POST /api/v1/cases/:id/plans': { url: '/api/v1/cases/:id/plans', inList: true },
  // A review answers the reviewed plan: its replay reads that plan again.
  'POST /api/v1/cases/:id/plans/:planId/reviews': { url: '/api/v1/cases/:id/plans', inList: true },
  'POST /api/v1/cases/:id/transfers': { url: '/api/v1/transfers?direction=outgoing', inList: true },
  'POST /api/v1/cases/:id/cross-border': { url: '/api/v1/cases/:id/cross-border', inList: true },
  'POST /api/v1/users': { url: '/api/v1/users/:record' },
  'POST /api/v1/organisations': { url: '/api/v1/organisations', inList: true },
  // Deinstitutionalisation: each write answers the resident (its id), read again whole.
  'POST /api/v1/cases/:id/residents': { url: '/api/v1/residents/:record' },
  'POST /api/v1/residents/:id/assessments': { url: '/api/v1/residents/:record' },
  'POST /api/v1/residents/:id/transition': { url: '/api/v1/residents/:record' },
  'POST /api/v1/transitions/:id/follow-ups': { url: '/api/v1/residents/:record' },
  'POST /api/v1/intakes': { url: '/api/v1/intakes/:record' },
  'POST /api/v1/prevention-activities': { url: '/api/v1/prevention-activities/:record' },
  // Consultation boards: every write answers the whole board, read again whole.
  'POST /api/v1/boards': { url: '/api/v1/boards/:record' },
  'POST /api/v1/boards/:id/members': { url: '/api/v1/boards/:id' },
  'POST /api/v1/boards/:id/meetings': { url: '/api/v1/boards/:id' },
  'POST /api/v1/boards/:id/meetings/:meetingId/views': { url: '/api/v1/boards/:id' },
  'POST /api/v1/boards/:id/responses': { url: '/api/v1/boards/:id' },
  'POST /api/v1/boards/:id/advocacy': { url: '/api/v1/boards/:id' },
  'POST /api/v1/kiosks': { url: '/api/v1/kiosks/:record' },
  'POST /api/v1/kiosks/:id/notes': { url: '/api/v1/kiosks/:id/notes', inList: true },
};
export const IDEMPOTENT_ROUTES = Object.keys(REREAD);

const HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9_-]{8,100}$/;
const TTL_HOURS = 24;
/** A first request still unanswered after this long is taken to have died; its key is reused. */
const ABANDONED_SECONDS = 120;
const WAIT_MS = 50;

type Pending = { route: string; key: string; userId: string };
const PENDING = Symbol('idempotency');
type WithPending = FastifyRequest & { [PENDING]?: Pending };

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(JSON.stringify([request.params ?? {}, request.body ?? null])).digest('hex');
}

/** Reads the created record again through its GET route, as the caller (so through the door, audited). */
async function readAgain(app: FastifyInstance, reread: Reread, request: FastifyRequest, recordId: string): Promise<{ status: number; body: string }> {
  const params = (request.params ?? {}) as Record<string, string>;
  const url = reread.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(name === 'record' ? recordId : (params[name] ?? '')));
  const answer = await app.inject({ method: 'GET', url, headers: { cookie: request.headers.cookie ?? '' } });
  if (!reread.inList || answer.statusCode !== 200) return { status: answer.statusCode, body: answer.body };
  const item = (answer.json() as { items: { id: string }[] }).items.find((one) => one.id === recordId);
  return item ? { status: 200, body: JSON.stringify(item) } : { status: 404, body: JSON.stringify({ message: 'Not found' }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function installIdempotency(app: FastifyInstance) {
  const db = app.database.db;

  // After authentication and validation, before the handler.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers[HEADER];
    if (header === undefined) return;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    const reread = REREAD[route];
    if (!reread || !request.actor) return;
    if (typeof header !== 'string' || !KEY.test(header)) {
      return reply.code(400).send({ message: 'Invalid Idempotency-Key header', issues: [{ path: 'Idempotency-Key', message: 'must be 8 to 100 letters, digits, - or _ (a UUID)' }] });
    }
    const userId = request.actor.userId;
    const hash = requestHash(request);
    await db.deleteFrom('idempotency_keys').where('expires_at', '<', new Date()).execute();
    for (let waited = 0; ; waited += WAIT_MS) {
      const claimed = await db
        .insertInto('idempotency_keys')
        .values({ user_id: userId, route, key: header, request_hash: hash, expires_at: sql<Date>`now() + make_interval(hours => ${TTL_HOURS})` })
        .onConflict((oc) => oc.columns(['user_id', 'route', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (claimed) {
        (request as WithPending)[PENDING] = { route, key: header, userId };
        return;
      }
      const first = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('route', '=', route).where('key', '=', header).executeTakeFirst();
      if (!first) continue; // freed meanwhile (the first request failed): claim it
      if (first.request_hash !== hash) {
        return reply.code(422).send({ message: 'This Idempotency-Key was used for another request; use a new key for a new request' });
      }
      if (first.status !== null && first.record_id !== null) {
        const again = await readAgain(app, reread, request, first.record_id);
        reply.header('idempotency-replay', 'true');
        return reply.code(again.status === 200 ? first.status : again.status).type('application/json').send(again.body);
      }
      // The first request is still being answered: wait for it, unless it died.
      if (Date.now() - first.created_at.getTime() > ABANDONED_SECONDS * 1000) {
        await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('route', '=', route).where('key', '=', header).where('status', 'is', null).execute();
        continue;
      }
      if (waited > 30_000) return reply.code(409).send({ message: 'A request with this Idempotency-Key is still being answered; try again shortly' });
      await sleep(WAIT_MS);
    }
  });

  // Keeps a successful answer's status and record id; a failed request frees its key.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const pending = (request as WithPending)[PENDING];
    if (!pending) return payload;
    (request as WithPending)[PENDING] = undefined;
    const where = db.updateTable('idempotency_keys').where('user_id', '=', pending.userId).where('route', '=', pending.route).where('key', '=', pending.key);
    let id: unknown = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      try {
        id = (JSON.parse(payload) as { id?: unknown }).id;
      } catch {
        id = null;
      }
    }
    if (typeof id === 'string') await where.set({ status: reply.statusCode, record_id: id }).execute();
    else await db.deleteFrom('idempotency_keys').where('user_id', '=', pending.userId).where('route', '=', pending.route).where('key', '=', pending.key).execute();
    return payload;
  });
}
