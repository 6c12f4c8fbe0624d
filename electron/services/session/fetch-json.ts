// One HTTP request to the central server as every main-process client makes it: our protocol
// header, the bearer token, a timeout, no redirects (they would carry the token somewhere not
// configured), the body read as JSON when it is JSON; a network failure becomes server_unreachable.
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/server-api.ts';
import { ServiceError } from '../errors.ts';

export interface FetchJsonInit {
  method: 'GET' | 'POST' | 'PUT';
  token?: string;
  body?: unknown;
  timeoutMs: number;
}

export interface JsonResponse {
  status: number;
  /** Parsed JSON, or null when the body is empty or not JSON. */
  body: unknown;
  headers: Headers;
}

export async function fetchJson(doFetch: typeof fetch, url: string, init: FetchJsonInit): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const signal = AbortSignal.timeout(init.timeoutMs);
  try {
    const res = await doFetch(url, {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
      redirect: 'error',
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body, headers: res.headers };
  } catch (e) {
    throw new ServiceError(
      'server_unreachable',
      signal.aborted ? `no answer from ${url} within ${init.timeoutMs} ms` : `cannot reach ${url}: ${causeOf(e)}`,
    );
  }
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
