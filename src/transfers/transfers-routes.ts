import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import {
  AcknowledgementInput, CrossBorderFile, CrossBorderInput, CrossBorderList, CrossBorderView, TransferAcceptInput, TransferDeclineInput,
  TransferInput, TransferList, TransferListQuery, TransferUnits, TransferView,
} from './transfer-schema.ts';
import { acknowledgeCrossBorder, crossBorderFile, getCrossBorderRecord, listCrossBorder, sendCrossBorder } from './cross-border.ts';
import { acceptTransfer, cancelTransfer, declineTransfer, listTransfers, requestTransfer, transferTasks, transferUnits } from './transfers.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';
import { crossBorderSummaryPdf } from './summary-pdf.ts';

// Incoming transfers are the receiving supervisor's task; registered once, when the routes load.
registerTaskSource(transferTasks);

const Params = z.strictObject({ id: Id });
const UNIT = ['caseworker', 'supervisor'] as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Transfers between units of one country, and cross-border referrals. Every handler goes through the policy door. */
export async function transfersRoutes(app: App) {
  const door = requestDoor(app);
  const tags = ['transfers'];

  app.get('/transfer-units', {
    config: { roles: UNIT },
    schema: { operationId: 'listTransferUnits', tags, summary: 'The other Child Protection Units of your country', response: { 200: TransferUnits, 403: ErrorBody } },
    handler: (request) => transferUnits(door(request)),
  });

  app.post('/cases/:id/transfers', {
    config: { roles: UNIT },
    schema: {
      operationId: 'requestTransfer', tags, summary: 'Asks another unit of the country to take over the case (the case waits for its decision)',
      params: Params, body: TransferInput, response: { 201: TransferView, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await requestTransfer(door(request), request.params.id, request.body)),
  });

  app.get('/transfers', {
    config: { roles: UNIT },
    schema: {
      operationId: 'listTransfers', tags, summary: 'Transfers to (incoming) or from (outgoing) your unit, newest first',
      querystring: TransferListQuery, response: { 200: TransferList, 400: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => listTransfers(door(request), request.query),
  });

  app.post('/transfers/:id/accept', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'acceptTransfer', tags, summary: 'The receiving supervisor takes the case over (it becomes unassigned in their unit)',
      params: Params, body: TransferAcceptInput.optional(), response: { 200: TransferView, ...errors },
    },
    handler: (request) => acceptTransfer(door(request), request.params.id, request.body?.version),
  });

  app.post('/transfers/:id/decline', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'declineTransfer', tags, summary: 'The receiving supervisor declines, with a note; the case stays where it is',
      params: Params, body: TransferDeclineInput, response: { 200: TransferView, ...errors },
    },
    handler: (request) => declineTransfer(door(request), request.params.id, request.body.note),
  });

  app.post('/transfers/:id/cancel', {
    config: { roles: UNIT },
    schema: {
      operationId: 'cancelTransfer', tags, summary: 'The sending unit withdraws its request',
      params: Params, response: { 200: TransferView, ...errors },
    },
    handler: (request) => cancelTransfer(door(request), request.params.id),
  });

  const cbTags = ['cross-border'];
  app.post('/cases/:id/cross-border', {
    config: { roles: UNIT },
    schema: {
      operationId: 'sendCrossBorder', tags: cbTags, summary: 'Sends a signed summary of the case to another country\'s authority',
      params: Params, body: CrossBorderInput, response: { 201: CrossBorderView, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await sendCrossBorder(door(request), request.params.id, request.body)),
  });

  app.get('/cases/:id/cross-border', {
    config: { roles: UNIT },
    schema: {
      operationId: 'listCrossBorder', tags: cbTags, summary: 'The cross-border referrals of a case, newest first',
      params: Params, response: { 200: CrossBorderList, 403: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => listCrossBorder(door(request), request.params.id),
  });

  app.get('/cross-border/:id/file', {
    config: { roles: UNIT },
    schema: {
      operationId: 'getCrossBorderFile', tags: cbTags, summary: 'The signed file as sent: summary, Ed25519 signature of its canonical JSON, key id and public key',
      params: Params, response: { 200: CrossBorderFile, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const file = await crossBorderFile(door(request), request.params.id);
      // Named by the referral's id only: a child's name never goes into a file name.
      return reply
        .header('content-disposition', `attachment; filename="cross-border-${request.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  });

  app.get('/cross-border/:id/summary', {
    config: { roles: UNIT },
    schema: {
      operationId: 'getCrossBorderSummaryPdf', tags: cbTags, summary: 'The printable summary (PDF) in the receiving country\'s language',
      params: Params, response: { 200: z.any().describe('the summary as a PDF file'), 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const rec = await getCrossBorderRecord(door(request), request.params.id);
      const pdf = await crossBorderSummaryPdf(rec.summary, rec.keyId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="cross-border-${request.params.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  });

  app.post('/cross-border/:id/acknowledgement', {
    config: { roles: UNIT },
    schema: {
      operationId: 'acknowledgeCrossBorder', tags: cbTags, summary: 'Records that the receiving authority acknowledged the referral (who and when)',
      params: Params, body: AcknowledgementInput, response: { 200: CrossBorderView, ...errors },
    },
    handler: (request) => acknowledgeCrossBorder(door(request), request.params.id, request.body),
  });
}
