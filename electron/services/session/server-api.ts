// Calls to the central server's REST API with the signed-in agent's token (fetchJson's manners:
// protocol header, timeout, no redirects): the answer checked against the contract, and a failure
// turned into the ServiceError code the renderer puts into words.
import type { z } from 'zod';
import { ServerErrorBody } from '../../../contract/server-api.ts';
import { ServiceError } from '../errors.ts';
import { fetchJson, type FetchJsonInit } from './fetch-json.ts';
import { endpoint } from './server-client.ts';

export interface ServerApiOptions {
  /** The signed-in session; null when nobody is. */
  session: () => { serverUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ServerApi {
  /** The raw answer, for callers that give some statuses a meaning of their own. */
  send(method: FetchJsonInit['method'], path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** A 2xx answer parsed with `schema`; anything else thrown as a ServiceError. */
  call<T>(method: FetchJsonInit['method'], path: string, schema: z.ZodType<T>, body?: unknown): Promise<T>;
  failure(status: number, body: unknown): ServiceError;
  parse<T>(schema: z.ZodType<T>, body: unknown): T;
}

export const SERVER_API_TIMEOUT_MS = 5000;

export function createServerApi(opts: ServerApiOptions, what: string): ServerApi {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? SERVER_API_TIMEOUT_MS;

  const api: ServerApi = {
    async send(method, path, body) {
      const s = opts.session();
      if (!s) throw new ServiceError('not_authenticated', `sign in first (${what})`);
      const r = await fetchJson(doFetch, endpoint(s.serverUrl, path), { method, token: s.token, timeoutMs, body });
      return { status: r.status, body: r.body };
    },
    async call(method, path, schema, body) {
      const r = await api.send(method, path, body);
      if (r.status < 200 || r.status > 299) throw api.failure(r.status, r.body);
      return api.parse(schema, r.body);
    },
    failure(status, body) {
      const err = ServerErrorBody.safeParse(body);
      const msg = err.success ? err.data.error.message : `HTTP ${status}`;
      const field = err.success ? err.data.error.field : undefined;
      if (status === 400) return new ServiceError('invalid_input', msg, field);
      if (status === 401) return new ServiceError('not_authenticated', msg);
      if (status === 403) return new ServiceError('forbidden', msg);
      if (status === 404) return new ServiceError('not_found', msg);
      if (status === 409) return new ServiceError('conflict', msg, field);
      if (status === 426) return new ServiceError('incompatible_server', msg);
      if (status === 502 || status === 503 || status === 504) return new ServiceError('server_unreachable', msg);
      return new ServiceError('internal', `${what}: ${msg}`);
    },
    parse(schema, body) {
      const r = schema.safeParse(body);
      if (!r.success) throw new ServiceError('incompatible_server', `unexpected ${what} response: ${r.error.issues[0]?.path.join('.')}`);
      return r.data;
    },
  };
  return api;
}
