import { API_BASE, ApiError, NETWORK_ERROR, api } from '../app/api.ts';

/**
 * Sends a CSV file as it is (Content-Type text/csv): the server reads it with the same parser
 * as the CLI. The shared api() speaks JSON only, so this asks /auth/me for the CSRF token.
 */
export type ImportCounts = { created: number; updated: number; unchanged: number };
export type ImportSummary = { type: string; rows: number; dryRun: boolean; sha256: string; counts: Record<string, ImportCounts> };
export type ImportProblem = {
  line: number; column: string; message: string;
  /** The problem's stable name and values (src/interchange/issue-codes.ts), said in the reader's language. */
  code?: string; params?: Record<string, string | number>;
};
export type ImportRefusal = { message: string; problems: ImportProblem[]; total: number; rows: number };
export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; refusal: ImportRefusal };

export const UPLOAD_LIMIT = 50 * 1024 * 1024;

export async function uploadCsv(type: string, file: Blob, dryRun: boolean): Promise<ImportResult> {
  const { csrfToken } = await api<{ csrfToken: string }>('/auth/me');
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/imports/${encodeURIComponent(type)}${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': csrfToken, accept: 'application/json' },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError({ status: NETWORK_ERROR, message: 'network error' });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, summary: body as ImportSummary };
  if (response.status === 400 && Array.isArray(body.problems)) return { ok: false, refusal: body as unknown as ImportRefusal };
  throw new ApiError({ status: response.status, message: typeof body.message === 'string' ? body.message : response.statusText, body });
}

export function exportUrl(type: string, query: { from?: string; to?: string; jurisdiction?: string }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return `${API_BASE}/exports/${type}.csv${qs ? `?${qs}` : ''}`;
}
