import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { validationCode } from '../domain/i18n/validation-codes.ts';

type Issue = { path: string; message: string; code?: string; params?: Record<string, string | number> };

function issuesOf(err: FastifyError): Issue[] {
  if (!hasZodFastifySchemaValidationErrors(err)) return [];
  return err.validation.flatMap((v) => {
    const path = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    // Unknown fields: one issue per refused key, at that key's path.
    const keys = (v.params as { keys?: unknown }).keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((k) => ({ path: path ? `${path}.${String(k)}` : String(k), message: 'is not a known field', code: 'validation.unknownField' }));
    }
    // A code and values beside the English message, for an interface that speaks another language.
    return [{ path: path || '(root)', message: v.message ?? 'is not valid', ...validationCode(v.keyword, v.params as Record<string, unknown>) }];
  });
}

/**
 * An error answer, serialised as it is: an error raised before the handler (a body that is not
 * JSON, a control character) has the one error shape, whatever the route's own 4xx schema says
 * (the import's 400 carries line problems), so it is never a serialisation failure (500).
 */
export function sendError(reply: FastifyReply, status: number, body: { message: string; issues?: Issue[] } & Record<string, unknown>) {
  return reply.code(status).type('application/json; charset=utf-8').serializer((payload: unknown) => JSON.stringify(payload)).send(body);
}

/**
 * Every error becomes JSON with a `message` (and `issues` for validation). Client errors never
 * answer 5xx; server errors say nothing of their cause, which goes to the log without payloads.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = issuesOf(err);
      const where = err.validationContext ?? 'body';
      return sendError(reply, 400, {
        message: `Invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        issues,
      });
    }
    if (err instanceof AppError) {
      return reply.code(err.statusCode).send({ message: err.message, ...err.extra });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ code: 'response_serialization', url: request.routeOptions.url }, 'response did not match its schema');
      return sendError(reply, 500, { message: 'Internal error' });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
          ? 'The request body is not valid JSON'
          : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? 'The request body is too large'
            : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
              ? 'Unsupported content type'
              : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
                ? 'The request body is empty'
                : status === 429
                  ? 'Too many requests; try again later'
                  : err.message;
      return sendError(reply, status, { message });
    }
    request.log.error({ code: err.code, name: err.name, stack: err.stack }, 'unhandled error');
    return sendError(reply, 500, { message: 'Internal error' });
  });
}
