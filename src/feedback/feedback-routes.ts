import { z } from 'zod';
import { ErrorBody, Id, Ok } from '../domain/common-schema.ts';
import { NotFoundError } from '../errors.ts';
import { systemDoor } from '../policy/door.ts';
import { FigureTable } from '../reports/figure-table.ts';
import { requestDoor, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';
import {
  AnswerInput, AnswerReceipt, FreeTextList, FreeTextQuery, FreeTextView, KioskInput, KioskList, KioskPublic, KioskStatusInput, KioskView,
  MadeSignal, MakeSignalInput, NoteInput, NoteList, NoteView, ResultsQuery,
} from './feedback-schema.ts';
import { feedbackResults } from './feedback-results.ts';
import { freeTextTasks, listFreeTexts, makeSignal, markReviewed } from './free-texts.ts';
import { kioskQuestions, submitAnswer } from './kiosk-public.ts';
import { FEEDBACK_ROLES, MANAGING_ROLES, createKiosk, getKiosk, listKiosks, listNotes, publishNote, setKioskStatus, withdrawNote } from './kiosks.ts';

registerTaskSource(freeTextTasks);

const tags = ['feedback'];
const Params = z.strictObject({ id: Id });
const NoteParams = z.strictObject({ id: Id, noteId: Id });
/** A kiosk's token as sent: bounded; one of the wrong shape is as unknown as any other (404). */
const TokenParams = z.strictObject({ token: z.string().min(1).max(100) });
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const PUBLIC_ERRORS = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody, 429: ErrorBody } as const;

/** The child's feedback kiosk (issue 14 §1): the unit's kiosks, results and free-text review, and the kiosk's two public routes. */
export async function feedbackRoutes(app: App) {
  const door = requestDoor(app);
  const publicUrl = app.config.publicUrl;
  /** The kiosk's public side works in a system Door, audited as `kiosk`. */
  const kioskDoor = () => systemDoor(app.database.db, 'kiosk');
  const known = (token: string) => {
    if (!TOKEN.test(token)) throw new NotFoundError('kiosk');
    return token;
  };

  app.get('/kiosk/:token', {
    config: { auth: 'public' },
    schema: { operationId: 'getKioskQuestions', tags, summary: "A kiosk's questions, languages and published notes, with a one-time nonce for this visit (no sign-in; 404 unknown, 410 closed)", params: TokenParams, response: { 200: KioskPublic, ...PUBLIC_ERRORS } },
    handler: (request) => kioskQuestions(kioskDoor(), known(request.params.token)),
  });

  app.post('/kiosk/:token/answers', {
    config: { auth: 'public' },
    schema: { operationId: 'answerKiosk', tags, summary: "A child's anonymous answer (no sign-in): faces 1–5, where to meet, an age band, an optional text; the visit's nonce once (409 again); limited per kiosk per minute (429)", params: TokenParams, body: AnswerInput, response: { 201: AnswerReceipt, ...PUBLIC_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await submitAnswer(kioskDoor(), known(request.params.token), request.body, app.config.kioskAnswersPerMinute)),
  });

  app.get('/kiosks', {
    config: { roles: FEEDBACK_ROLES },
    schema: { operationId: 'listKiosks', tags, summary: "The feedback kiosks of the unit or the provider, open first", response: { 200: KioskList, 403: ErrorBody } },
    handler: (request) => listKiosks(door(request), publicUrl),
  });

  app.post('/kiosks', {
    config: { roles: MANAGING_ROLES },
    schema: { operationId: 'createKiosk', tags, summary: "Opens a feedback kiosk for a service of the unit or the provider: its link and QR code", body: KioskInput, response: { 201: KioskView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await createKiosk(door(request), request.body, publicUrl)),
  });

  app.get('/kiosks/:id', {
    config: { roles: FEEDBACK_ROLES },
    schema: { operationId: 'getKiosk', tags, summary: 'One kiosk of the unit', params: Params, response: { 200: KioskView, 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => getKiosk(door(request), request.params.id, publicUrl),
  });

  app.post('/kiosks/:id/status', {
    config: { roles: MANAGING_ROLES },
    schema: { operationId: 'setKioskStatus', tags, summary: 'Closes or reopens a kiosk (with the version read)', params: Params, body: KioskStatusInput, response: { 200: KioskView, ...WRITE_ERRORS } },
    handler: (request) => setKioskStatus(door(request), request.params.id, request.body.status, request.body.version, publicUrl),
  });

  app.get('/kiosks/:id/notes', {
    config: { roles: FEEDBACK_ROLES },
    schema: { operationId: 'listKioskNotes', tags, summary: 'The "you said, we did" notes published on a kiosk', params: Params, response: { 200: NoteList, 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => listNotes(door(request), request.params.id),
  });

  app.post('/kiosks/:id/notes', {
    config: { roles: MANAGING_ROLES },
    schema: { operationId: 'publishKioskNote', tags, summary: 'Publishes a "you said, we did" note on a kiosk', params: Params, body: NoteInput, response: { 201: NoteView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await publishNote(door(request), request.params.id, request.body)),
  });

  app.delete('/kiosks/:id/notes/:noteId', {
    config: { roles: MANAGING_ROLES },
    schema: { operationId: 'withdrawKioskNote', tags, summary: 'Withdraws a published note', params: NoteParams, response: { 200: Ok, ...WRITE_ERRORS } },
    handler: (request) => withdrawNote(door(request), request.params.id, request.params.noteId),
  });

  app.get('/kiosk-results', {
    config: { roles: FEEDBACK_ROLES },
    schema: { operationId: 'getKioskResults', tags, summary: "The children's answers to the unit's kiosks (or one): averages, faces, age bands, quarters; fewer than 5 answers are not shown", querystring: ResultsQuery, response: { 200: z.object({ tables: z.array(FigureTable) }), 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => feedbackResults(door(request), request.query.kiosk),
  });

  app.get('/kiosk-texts', {
    config: { roles: ['supervisor'] },
    schema: { operationId: 'listKioskTexts', tags, summary: "The children's free texts at the unit's kiosks and at the kiosks of the providers of its municipality, for the supervisor's review", querystring: FreeTextQuery, response: { 200: FreeTextList, 403: ErrorBody } },
    handler: (request) => listFreeTexts(door(request), request.query.state),
  });

  app.post('/kiosk-texts/:id/reviewed', {
    config: { roles: ['supervisor'] },
    schema: { operationId: 'markKioskTextReviewed', tags, summary: 'Marks a free text reviewed', params: Params, body: z.strictObject({}).optional(), response: { 200: FreeTextView, ...WRITE_ERRORS } },
    handler: (request) => markReviewed(door(request), request.params.id),
  });

  app.post('/kiosk-texts/:id/signal', {
    config: { roles: ['supervisor'] },
    schema: { operationId: 'makeSignalOfKioskText', tags, summary: 'Turns a free text into a signal of the unit (the text its narrative, source child_self); the same signal when asked again', params: Params, body: MakeSignalInput, response: { 200: MadeSignal, ...WRITE_ERRORS } },
    handler: (request) => makeSignal(door(request), request.params.id, request.body),
  });
}
