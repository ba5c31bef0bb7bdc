import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONTROL } from '../domain/common-schema.ts';
import { sendError } from './errors.ts';

/** Control characters a JSON text may carry: all but tab, line feed and carriage return. */
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Lone surrogate halves: not text, and PostgreSQL refuses them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Issue = { path: string; message: string };

/** The first string of `value` (or key of an object in it) that `bad` matches, with its path. */
function findBad(value: unknown, bad: RegExp, path: string[], depth = 0): Issue | null {
  if (depth > 64) return null;
  const at = (p: string[]) => (p.length ? p.join('.') : '(root)');
  if (typeof value === 'string') {
    if (bad.test(value)) return { path: at(path), message: 'must not contain control characters' };
    if (LONE_SURROGATE.test(value)) return { path: at(path), message: 'is not valid text' };
    return null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    if (bad.test(key) || LONE_SURROGATE.test(key)) return { path: at([...path, key.replace(/[^\x20-\x7E]/g, '?')]), message: 'is not a valid field name' };
    const issue = findBad(v, bad, [...path, key], depth + 1);
    if (issue) return issue;
  }
  return null;
}

/**
 * The second net behind the schemas' own text rules (src/domain/common-schema.ts): after the
 * session check and before validation, a control character (NUL included) anywhere in the query
 * string, the path parameters or a JSON body answers 400 naming the field, so that no route, old
 * or new, hands one to the database. Line breaks and tabs pass in bodies (long text keeps them);
 * each schema says whether its field may hold them.
 */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const where: Array<[string, unknown, RegExp]> = [
      ['querystring', request.query, CONTROL],
      ['params', request.params, CONTROL],
      ['body', request.body, CONTROL_IN_BODY],
    ];
    for (const [name, value, bad] of where) {
      const issue = findBad(value, bad, []);
      if (issue) return sendError(reply, 400, { message: `Invalid ${name}: ${issue.path} ${issue.message}`, issues: [issue] });
    }
  });
}
