/**
 * The one door from the web app to the HTTP API. It sends the session cookie, adds the CSRF
 * header to every state-changing request and turns any non-2xx answer into an ApiError, so
 * screens handle failures by status instead of parsing bodies.
 */
export const API_BASE = '/api/v1';

export interface ApiIssue {
  path: string;
  message: string;
  /** The rule broken, when the server names one (e.g. `password.common`). */
  code?: string;
  /** The rule's values (e.g. `count` for `validation.tooShort`). */
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly issues: ApiIssue[];
  /** The whole error body, for answers that carry more (a 409 carries `current`). */
  readonly body: Record<string, unknown>;

  constructor(init: { status: number; message: string; issues?: ApiIssue[]; body?: Record<string, unknown> }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.issues = init.issues ?? [];
    this.body = init.body ?? {};
  }
}

/** Status 0: the request never got an answer (offline, server down). */
export const NETWORK_ERROR = 0;

let csrfToken: string | null = null;

/** Remembered from the login and /auth/me answers; kept in memory only, never in storage. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** Query parameters. Never child data: names and birth dates travel only in POST bodies. */
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /**
   * A create: sent with an Idempotency-Key, so that a double submission (a second click, a retry
   * after a lost answer) gets the first answer instead of creating the record twice.
   */
  idempotent?: boolean;
}

/** How long an identical resubmission counts as the same submission. */
const SAME_SUBMISSION_MS = 10 * 60_000;
const submissions = new Map<string, { key: string; at: number }>();

/**
 * The key of one form submission: a new UUID for a new request, the same one for the same request
 * (same route and body) sent again shortly after. Only a digest of the request is remembered.
 */
export async function idempotencyKey(path: string, body: unknown): Promise<string | null> {
  // Outside a secure context the browser offers neither: the request goes without a key.
  if (!globalThis.crypto?.subtle || typeof crypto.randomUUID !== 'function') return null;
  const bytes = new TextEncoder().encode(`${path}\n${JSON.stringify(body ?? null)}`);
  const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
  const now = Date.now();
  for (const [k, v] of submissions) if (now - v.at > SAME_SUBMISSION_MS) submissions.delete(k);
  const known = submissions.get(digest);
  const key = known?.key ?? crypto.randomUUID();
  submissions.set(digest, { key, at: known?.at ?? now });
  return key;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (a file upload) goes as multipart/form-data, its boundary set by the browser.
  const form = typeof FormData !== 'undefined' && options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const key = options.idempotent ? await idempotencyKey(path, options.body) : null;
  if (key) headers['idempotency-key'] = key;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: NETWORK_ERROR, message: 'network error' });
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const body = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    throw new ApiError({
      status: response.status,
      message: typeof body.message === 'string' ? body.message : response.statusText,
      issues: Array.isArray(body.issues) ? (body.issues as ApiIssue[]) : [],
      body,
    });
  }
  return data as T;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
