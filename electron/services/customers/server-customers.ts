// The central server's customer API (GET /api/customers and /api/customers/:id) with the signed-in
// agent's token: for customers the replica does not hold.
import type { Customer } from '../../../contract/domain/customer.ts';
import { API, apiPath, CustomerResponse, CustomerSearchResponse } from '../../../contract/server-api.ts';
import { createServerApi, type ServerApiOptions } from '../session/server-api.ts';

export interface ServerCustomers {
  /** What the server finds for the typed text (a manager gets their portfolio only). */
  search(query: string, limit: number): Promise<Customer[]>;
  /** One customer, or null when the server has none by that id. */
  get(id: string): Promise<Customer | null>;
}

export type ServerCustomersOptions = ServerApiOptions;

export function createServerCustomers(opts: ServerCustomersOptions): ServerCustomers {
  const api = createServerApi(opts, 'customers');
  return {
    async search(query, limit) {
      const params = new URLSearchParams({ q: query, limit: String(limit) });
      const r = await api.send('GET', `${API.customers}?${params.toString()}`);
      // The server could not read the text as a name, phone or account: nobody to find there.
      if (r.status === 400) return [];
      if (r.status !== 200) throw api.failure(r.status, r.body);
      return api.parse(CustomerSearchResponse, r.body).customers.slice(0, limit);
    },
    async get(id) {
      const r = await api.send('GET', apiPath(API.customer, { id }));
      if (r.status === 404) return null;
      if (r.status !== 200) throw api.failure(r.status, r.body);
      return api.parse(CustomerResponse, r.body).customer;
    },
  };
}
