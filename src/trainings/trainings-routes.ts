import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { LANGUAGES } from '../domain/i18n/languages.ts';
import { requestDoor, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { certificatePdf, issueCertificate } from './certificates.ts';
import { addParticipant, sessionDetail, setAttendance, setResults } from './participants.ts';
import { importParticipants } from './participants-import.ts';
import { createModule, createSession, listModules, listNeeds, listSessions, recordNeed } from './registry.ts';
import { trainerFiguresRoutes } from './trainer-figures.ts';
import { trainerHome } from './trainer-home.ts';
import { TRAINING_ROLES } from './trainings-reach.ts';
import {
  AttendanceInput, CertificateView, ImportInput, ImportResult, ModuleInput, ModuleView, NeedInput, NeedView, ParticipantInput, ParticipantView,
  ResultsInput, SessionDetail, SessionInput, SessionList, SessionQuery, SessionView, TrainerHome,
} from './trainings-schema.ts';

const tags = ['trainings'];
const Params = z.strictObject({ id: Id });
const ParticipantParams = z.strictObject({ id: Id, participantId: Id });
const READ_ERRORS = { 403: ErrorBody, 404: ErrorBody } as const;

/** The trainings register (issue 14 §5): trainers (their organisation's records) and administrators (their country's). */
export async function trainingsRoutes(app: App) {
  const door = requestDoor(app);
  const share = () => app.config.certificateAttendance;
  const config = { roles: TRAINING_ROLES };

  app.get('/trainings/home', {
    config, schema: { operationId: 'trainerHome', tags, summary: "The trainer's Home: sessions not yet ended, and participants of ended sessions whose certificate is still to issue", response: { 200: TrainerHome, 403: ErrorBody } },
    handler: (request) => trainerHome(door(request), share()),
  });
  await app.register(trainerFiguresRoutes);
  app.get('/training-modules', {
    config, schema: { operationId: 'listTrainingModules', tags, summary: 'Training modules of your organisation (an administrator: of the country)', response: { 200: z.array(ModuleView), 403: ErrorBody } },
    handler: (request) => listModules(door(request)),
  });
  app.post('/training-modules', {
    config, schema: { operationId: 'createTrainingModule', tags, summary: 'A training module: title, topic categories, hours', body: ModuleInput, response: { 201: ModuleView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await createModule(door(request), request.body)),
  });
  app.get('/training-sessions', {
    config, schema: { operationId: 'listTrainingSessions', tags, summary: 'Training sessions, newest first, overlapping the period given', querystring: SessionQuery, response: { 200: SessionList, 403: ErrorBody } },
    handler: (request) => listSessions(door(request), request.query),
  });
  app.post('/training-sessions', {
    config, schema: { operationId: 'createTrainingSession', tags, summary: 'A session of a module: dates, place and municipality, trainers, in person or online', body: SessionInput, response: { 201: SessionView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await createSession(door(request), request.body)),
  });
  app.get('/training-sessions/:id', {
    config, schema: { operationId: 'getTrainingSession', tags, summary: 'A session with its participants, attendance, test scores, ratings and certificates', params: Params, response: { 200: SessionDetail, ...READ_ERRORS } },
    handler: (request) => sessionDetail(door(request), request.params.id, share()),
  });
  app.post('/training-sessions/:id/participants', {
    config, schema: { operationId: 'addTrainingParticipant', tags, summary: 'Adds a participant (the same name and organisation twice: 409)', params: Params, body: ParticipantInput, response: { 201: ParticipantView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await addParticipant(door(request), request.params.id, request.body, share())),
  });
  app.post('/training-sessions/:id/participants/import', {
    config, schema: {
      operationId: 'importTrainingParticipants', tags,
      summary: 'Imports participants from CSV (name,sector,organisation,position,municipality): all or nothing, problems by line and column (400), none already in the session',
      params: Params, body: ImportInput, response: { 200: ImportResult, ...WRITE_ERRORS },
    },
    handler: (request) => importParticipants(door(request), request.params.id, request.body.csv, request.body.dryRun),
  });
  app.put('/training-sessions/:id/participants/:participantId/attendance', {
    config, schema: { operationId: 'setTrainingAttendance', tags, summary: 'The days a participant attended (each a day of the session, else 400)', params: ParticipantParams, body: AttendanceInput, response: { 200: ParticipantView, ...WRITE_ERRORS } },
    handler: (request) => setAttendance(door(request), request.params.id, request.params.participantId, request.body.days, share()),
  });
  app.put('/training-sessions/:id/participants/:participantId/results', {
    config, schema: { operationId: 'setTrainingResults', tags, summary: 'Knowledge test before and after (0–100) and satisfaction (1–5)', params: ParticipantParams, body: ResultsInput, response: { 200: ParticipantView, ...WRITE_ERRORS } },
    handler: (request) => setResults(door(request), request.params.id, request.params.participantId, request.body, share()),
  });
  app.post('/training-sessions/:id/participants/:participantId/certificate', {
    config, schema: { operationId: 'issueTrainingCertificate', tags, summary: 'Issues the certificate of a participant who attended enough days (else 409), with a random verification code', params: ParticipantParams, response: { 201: CertificateView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await issueCertificate(door(request), request.params.id, request.params.participantId, share())),
  });
  app.get('/training-certificates/:code/certificate.pdf', {
    config, schema: {
      operationId: 'trainingCertificatePdf', tags, summary: 'The certificate as a PDF in `lang` (default: English), with its verification code',
      params: z.strictObject({ code: z.string().min(1).max(40) }), querystring: z.strictObject({ lang: z.enum(LANGUAGES).optional() }),
      response: { 200: z.any().describe('the certificate as a PDF'), ...READ_ERRORS, 400: ErrorBody },
    },
    handler: async (request, reply) => {
      const { pdf, code } = await certificatePdf(door(request), request.params.code, request.query.lang ?? 'en', app.config.publicUrl);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="certificate-${code}.pdf"`).header('cache-control', 'no-store').send(pdf);
    },
  });
  app.get('/training-needs', {
    config, schema: { operationId: 'listTrainingNeeds', tags, summary: 'Training needs recorded, newest first', response: { 200: z.array(NeedView), 403: ErrorBody } },
    handler: (request) => listNeeds(door(request)),
  });
  app.post('/training-needs', {
    config, schema: { operationId: 'recordTrainingNeed', tags, summary: 'A training need: sector, topic, how many professionals, municipality, source', body: NeedInput, response: { 201: NeedView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await recordNeed(door(request), request.body)),
  });
}
