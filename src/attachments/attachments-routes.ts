import multipart from '@fastify/multipart';
import { z } from 'zod';
import { ErrorBody } from '../domain/common-schema.ts';
import { InputError } from '../errors.ts';
import { requestDoor, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { loadAttachmentKey } from './attachment-crypto.ts';
import {
  AttachmentContentQuery, AttachmentFields, AttachmentIdParams, AttachmentList, AttachmentOwnerQuery, AttachmentRemoveInput, AttachmentView,
} from './attachment-schema.ts';
import { addAttachment, attachmentContent, listAttachments, removeAttachment } from './attachments.ts';

const tags = ['attachments'];
/** Who works with children's records; each request is then held to the record's own reach. */
const ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const;

/** A Content-Disposition filename: ASCII fallback and the UTF-8 name (RFC 6266). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Attachments (src/attachments/attachments.ts): listed per record, uploaded as multipart/form-data
 * (one file, the fields of AttachmentFields), downloaded or previewed, removed with a reason.
 */
export async function attachmentsRoutes(app: App) {
  const door = requestDoor(app);
  const key = loadAttachmentKey({ envKey: app.config.attachmentKey, dataDir: app.config.dataDir });
  const maxBytes = app.config.attachmentMaxBytes;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 }, throwFileSizeLimit: true });

  app.get('/attachments', {
    config: { roles: ROLES },
    schema: {
      operationId: 'listAttachments', tags, summary: 'The files attached to a child, a case, a referral, a meeting or a contact, newest first',
      querystring: AttachmentOwnerQuery, response: { 200: AttachmentList, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => ({ items: await listAttachments(door(request), request.query), maxBytes }),
  });

  app.post('/attachments', {
    config: { roles: ROLES },
    schema: {
      operationId: 'addAttachment', tags, consumes: ['multipart/form-data'],
      summary: `Attaches one file (multipart/form-data: ownerKind, ownerId, kind, description, then file): PDF, an image or an office document, at most ${Math.round(maxBytes / 1024 / 1024)} MB; the type is read from the content`,
      response: { 201: AttachmentView, 413: ErrorBody, 415: ErrorBody, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart()) return reply.code(415).send({ message: 'Send the file as multipart/form-data' });
      const fields: Record<string, string> = {};
      let file: { name: string; content: Buffer } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (file) throw new InputError('Send one file at a time', [{ path: 'file', message: 'only one file per request' }]);
          file = { name: part.filename, content: await part.toBuffer() };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      const parsed = AttachmentFields.safeParse(fields);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new InputError(`Invalid fields: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
      }
      if (!file) throw new InputError('Choose a file to attach', [{ path: 'file', message: 'is required' }]);
      return reply.code(201).send(await addAttachment(door(request), key, { fields: parsed.data, fileName: file.name, content: file.content }));
    },
  });

  app.get('/attachments/:id/content', {
    config: { roles: ROLES },
    schema: {
      operationId: 'getAttachmentContent', tags, summary: 'The file itself: downloaded, or shown in the browser (inline=true, images and PDF only)',
      params: AttachmentIdParams, querystring: AttachmentContentQuery,
      response: { 200: z.any().describe('the file'), 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const wantInline = request.query.inline === 'true';
      const file = await attachmentContent(door(request), key, request.params.id, wantInline);
      const inline = wantInline && file.previewable;
      return reply
        .type(file.mediaType)
        .header('content-disposition', disposition(inline ? 'inline' : 'attachment', file.fileName))
        // A file is never run as a page of the app: no script, no form, whatever it holds (a PDF
        // keeps the browser's own viewer, which a sandbox would turn off).
        .header('content-security-policy', `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'${file.mediaType === 'application/pdf' ? '' : '; sandbox'}`)
        .header('x-content-type-options', 'nosniff')
        .header('cross-origin-resource-policy', 'same-origin')
        .send(file.content);
    },
  });

  app.post('/attachments/:id/remove', {
    config: { roles: ROLES },
    schema: {
      operationId: 'removeAttachment', tags, summary: 'Removes a file (who attached it, or the unit’s supervisor), with a reason: the content is deleted, the record of it stays',
      params: AttachmentIdParams, body: AttachmentRemoveInput, response: { 200: AttachmentView, ...WRITE_ERRORS },
    },
    handler: (request) => removeAttachment(door(request), request.params.id, request.body.reason),
  });
}
