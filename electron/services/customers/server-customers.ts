// The central server's customer API (GET /api/customers and /api/customers/:id) with the signed-in
// agent's token: for customers the replica does not hold. Same manners as session/server-client.ts:
// our protocol version in a header, a timeout, no redirects, the body checked against the contract,
// failures as ServiceError codes the renderer puts into words.
import type { z } from 'zod';
import type { Customer } from '../../../contract/domain/customer.ts';
import {
  API,
  apiPath,
  CustomerResponse,
  CustomerSearchResponse,
  ServerErrorBody,
} from '../../../contract/server-api.ts';
import { ServiceError } from '../errors.ts';
import { fetchJson } from '../session/fetch-json.ts';
import { endpoint } from '../session/server-client.ts';

export interface ServerCustomers {
  /** What the server finds for the typed text (a manager gets their portfolio only). */
  search(query: string, limit: number): Promise<Customer[]>;
  /** One customer, or null when the server has none by that id. */
  get(id: string): Promise<Customer | null>;
}

export interface ServerCustomersOptions {
  /** The signed-in session; null when nobody is. */
  session: () => { serverUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const SERVER_CUSTOMERS_TIMEOUT_MS = 5000;

export function createServerCustomers(opts: ServerCustomersOptions): ServerCustomers {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? SERVER_CUSTOMERS_TIMEOUT_MS;

  async function get(path: string): Promise<{ status: number; body: unknown }> {
    const s = opts.session();
    if (!s) throw new ServiceError('not_authenticated', 'sign in to search customers');
    const r = await fetchJson(doFetch, endpoint(s.serverUrl, path), { method: 'GET', token: s.token, timeoutMs });
    return { status: r.status, body: r.body };
  }

  function failure(status: number, body: unknown): ServiceError {
    const err = ServerErrorBody.safeParse(body);
    const msg = err.success ? err.data.error.message : `HTTP ${status}`;
    if (status === 401) return new ServiceError('not_authenticated', msg);
    if (status === 403) return new ServiceError('forbidden', msg);
    if (status === 426) return new ServiceError('incompatible_server', msg);
    if (status === 502 || status === 503 || status === 504) return new ServiceError('server_unreachable', msg);
    return new ServiceError('internal', `customers: ${msg}`);
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const r = schema.safeParse(body);
    if (!r.success) throw new ServiceError('incompatible_server', `unexpected customers response: ${r.error.issues[0]?.path.join('.')}`);
    return r.data;
  }

  return {
    async search(query, limit) {
      const params = new URLSearchParams({ q: query, limit: String(limit) });
      const r = await get(`${API.customers}?${params.toString()}`);
      // The server could not read the text as a name, phone or account: nobody to find there.
      if (r.status === 400) return [];
      if (r.status !== 200) throw failure(r.status, r.body);
      return parse(CustomerSearchResponse, r.body).customers.slice(0, limit);
    },
    async get(id) {
      const r = await get(apiPath(API.customer, { id }));
      if (r.status === 404) return null;
      if (r.status !== 200) throw failure(r.status, r.body);
      return parse(CustomerResponse, r.body).customer;
    },
  };
}
