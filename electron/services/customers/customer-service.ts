// customers.search and customers.get: the replica answers first (it works offline and is fast);
// only when it holds nobody does the central server get asked, and its customers come back marked
// `server`. With the server out of reach the answer says so (`offline`), so the operator reads "not
// in your copy, server unreachable" rather than "no such customer".
import type { Customer } from '../../../contract/domain/customer.ts';
import type { Tariff } from '../../../contract/domain/customer.ts';
import type { CustomerGetResult, CustomerSearchInput, CustomerSearchResult } from '../../../contract/customers-ipc.ts';
import type { ReplicaCalls } from '../db/replica-client.ts';
import { ServiceError } from '../errors.ts';
import { parseCustomerQuery, type ParsedQuery } from './parse-query.ts';
import { DEFAULT_CUSTOMER_LIMIT } from './replica-search.ts';
import type { ServerCustomers } from './server-customers.ts';
import { matchedField, toHit } from './to-hit.ts';

type Replica = Pick<ReplicaCalls, 'searchCustomers' | 'customerCard' | 'getRow'>;

export interface CustomerServiceOptions {
  /** The signed-in agent's replica; throws when nobody is signed in. */
  replica: () => Replica;
  server: ServerCustomers;
  /** The connection monitor already knows the server is down: do not wait for a timeout. */
  isOffline: () => boolean;
}

export interface CustomerService {
  search(input: CustomerSearchInput): Promise<CustomerSearchResult>;
  get(id: string): Promise<CustomerGetResult>;
}

/**
 * Worth a round trip: a whole phone or account number, or a name of three letters or more. The
 * server cannot search addresses, and a half-typed number would only come back empty.
 */
export function worthAskingServer(q: ParsedQuery): boolean {
  if (q.kind === 'number') return q.phone !== null || q.account !== null;
  if (q.kind === 'name') return q.words.join('').length >= 3;
  return false;
}

const unreachable = (e: unknown) => e instanceof ServiceError && e.code === 'server_unreachable';

export function createCustomerService(opts: CustomerServiceOptions): CustomerService {
  async function tariffNames(customers: readonly Customer[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(customers.map((c) => c.tariffId))) {
      const row = await opts.replica().getRow('tariff', id);
      if (row) names.set(id, (row.data as Tariff).name);
    }
    return names;
  }

  return {
    async search(input) {
      const limit = input.limit ?? DEFAULT_CUSTOMER_LIMIT;
      const { hits } = await opts.replica().searchCustomers({ query: input.query, limit });
      if (hits.length > 0) return { results: hits, offline: false, askedServer: false };
      const q = parseCustomerQuery(input.query);
      if (!worthAskingServer(q)) return { results: [], offline: false, askedServer: false };
      if (opts.isOffline()) return { results: [], offline: true, askedServer: false };
      let customers: Customer[];
      try {
        customers = await opts.server.search(input.query.trim(), limit);
      } catch (e) {
        if (unreachable(e)) return { results: [], offline: true, askedServer: true };
        throw e;
      }
      const tariffs = await tariffNames(customers);
      const results = customers.map((c) => {
        const m = matchedField(q, c);
        return toHit(c, m.matched, tariffs.get(c.tariffId) ?? null, 'server', m.phone);
      });
      return { results, offline: false, askedServer: true };
    },

    async get(id) {
      const local = await opts.replica().customerCard({ id });
      if (local) return { card: local, offline: false };
      if (opts.isOffline()) return { card: null, offline: true };
      let customer: Customer | null;
      try {
        customer = await opts.server.get(id);
      } catch (e) {
        if (unreachable(e)) return { card: null, offline: true };
        throw e;
      }
      if (!customer) return { card: null, offline: false };
      return { card: await opts.replica().customerCard({ id, customer }), offline: false };
    },
  };
}
