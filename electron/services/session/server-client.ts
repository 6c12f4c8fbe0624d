// The central server's HTTP API (contract/server-api.ts) as the main process calls it: every request
// has a timeout, states our protocol version, and maps failures to the PultError codes the renderer
// words for the operator. Responses are validated; a body that does not fit is an incompatible server.
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../../contract/errors.ts';
import {
  API,
  HealthResponse,
  INCOMPATIBLE_CLIENT,
  LoginResponse,
  MeResponse,
  PROTOCOL_VERSION,
  ServerErrorBody,
  type LoginRequest,
} from '../../../contract/server-api.ts';
import { ServiceError } from '../errors.ts';
import { fetchJson } from './fetch-json.ts';

export interface ServerClientOptions {
  fetch?: typeof fetch;
  /** Per request, from the first byte sent to the whole body read. */
  timeoutMs?: number;
}

export interface ServerClient {
  health(serverUrl: string, timeoutMs?: number): Promise<HealthResponse>;
  login(serverUrl: string, body: LoginRequest): Promise<LoginResponse>;
  me(serverUrl: string, token: string): Promise<MeResponse>;
  logout(serverUrl: string, token: string): Promise<void>;
}

export function endpoint(serverUrl: string, path: string): string {
  return serverUrl.replace(/\/+$/, '') + path; // keeps a path prefix such as https://host/pult
}

/** Throws incompatible_server when the server does not accept our protocol version. */
export function checkProtocol(health: HealthResponse): void {
  const { min, max } = health.protocol;
  if (PROTOCOL_VERSION < min || PROTOCOL_VERSION > max) {
    throw new ServiceError(
      'incompatible_server',
      `server ${health.version} speaks protocol ${min}..${max}, this client speaks ${PROTOCOL_VERSION}`,
    );
  }
}

export function createServerClient(opts: ServerClientOptions = {}): ServerClient {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const defaultTimeout = opts.timeoutMs ?? 10_000;

  const request = (url: string, init: { method: 'GET' | 'POST'; token?: string; body?: unknown; timeoutMs?: number }) =>
    fetchJson(doFetch, url, { ...init, timeoutMs: init.timeoutMs ?? defaultTimeout });

  function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const r = schema.safeParse(body);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ServiceError('incompatible_server', `unexpected ${what} response: ${issue?.path.join('.')} ${issue?.message}`);
    }
    return r.data;
  }

  function failure(status: number, body: unknown, headers: Headers, what: string): ServiceError {
    const err = ServerErrorBody.safeParse(body);
    const msg = err.success ? err.data.error.message : `HTTP ${status}`;
    if (status === 401) return new ServiceError(what === 'login' ? 'wrong_credentials' : 'not_authenticated', msg);
    if (status === 429) {
      const retry = headers.get('retry-after');
      return new ServiceError('rate_limited', retry ? `${msg} (retry after ${retry} s)` : msg);
    }
    if (status === 403) return new ServiceError('forbidden', msg);
    // The server refuses our protocol version (426 incompatible_client): to the operator it is the
    // same situation as a server outside our range.
    if (status === 426 || (err.success && err.data.error.code === INCOMPATIBLE_CLIENT)) return new ServiceError('incompatible_server', msg);
    if (status === 502 || status === 503 || status === 504) return new ServiceError('server_unreachable', msg);
    if (err.success && (ERROR_CODES as readonly string[]).includes(err.data.error.code)) {
      const field = err.data.error.field;
      return new ServiceError(err.data.error.code as ErrorCode, msg, field ? `input.${field}` : undefined);
    }
    if (status === 404) return new ServiceError('incompatible_server', `${what}: ${msg} (is this a Pult server?)`);
    return new ServiceError('internal', `${what}: ${msg}`);
  }

  return {
    async health(serverUrl, timeoutMs) {
      const r = await request(endpoint(serverUrl, API.health), { method: 'GET', timeoutMs });
      if (r.status !== 200) throw failure(r.status, r.body, r.headers, 'health');
      return parse(HealthResponse, r.body, 'health');
    },
    async login(serverUrl, body) {
      const r = await request(endpoint(serverUrl, API.login), { method: 'POST', body });
      if (r.status !== 200 && r.status !== 201) throw failure(r.status, r.body, r.headers, 'login');
      return parse(LoginResponse, r.body, 'login');
    },
    async me(serverUrl, token) {
      const r = await request(endpoint(serverUrl, API.me), { method: 'GET', token });
      if (r.status !== 200) throw failure(r.status, r.body, r.headers, 'me');
      return parse(MeResponse, r.body, 'me');
    },
    async logout(serverUrl, token) {
      const r = await request(endpoint(serverUrl, API.logout), { method: 'POST', token, timeoutMs: Math.min(3000, defaultTimeout) });
      if (r.status >= 400 && r.status !== 401) throw failure(r.status, r.body, r.headers, 'logout');
    },
  };
}
