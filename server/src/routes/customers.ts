// Customer search, card and changes of personal data. Operators and supervisors see every
// customer; a personal manager sees only the portfolio assigned to them.
import type { FastifyInstance } from 'fastify';
import {
  API,
  CustomerManagerChange,
  CustomerPatch,
  CustomerSearchQuery,
  IdParams,
  type Customer,
  type CustomerResponse,
  type CustomerSearchResponse,
  type Role,
} from '../../../contract/index.ts';
import { authOf, type RequestAuth, type RequireRole } from '../auth/require-role.ts';
import type { AppContext } from '../context.ts';
import { nameSearchPatterns } from '../customers/name-search.ts';
import { reassignCustomer } from '../customers/reassign.ts';
import { normalizePhone, phoneForSearch } from '../customers/normalize-phone.ts';
import { writeAudit } from '../db/queries/audit.ts';
import { getCustomer, searchCustomers, updatePersonalData, type CustomerSearch } from '../db/queries/customers.ts';
import { forbidden, HttpError, notFound, parseInput } from '../http/errors.ts';
import { withSyncedTransaction } from '../sync/synced-transaction.ts';

const CUSTOMER_ROLES: Role[] = ['operator', 'personal_manager', 'supervisor'];

/** A personal manager works only with their own portfolio. */
function managerScope(auth: RequestAuth): string | undefined {
  return auth.agent.role === 'personal_manager' ? auth.agent.id : undefined;
}

function assertInScope(auth: RequestAuth, c: Customer): void {
  const scope = managerScope(auth);
  if (scope && c.personalManagerId !== scope) throw forbidden('this customer is not in your portfolio');
}

export function buildCustomerSearch(q: CustomerSearchQuery, managerId: string | undefined): CustomerSearch {
  const s: CustomerSearch = { limit: q.limit, managerId };
  const compact = q.q.replace(/[\s()\-.]/g, '');
  const digitsOnly = /^\+?\d+$/.test(compact);
  if (q.by === 'name' || (q.by === 'auto' && !digitsOnly)) {
    s.namePatterns = nameSearchPatterns(q.q);
    if (s.namePatterns.length === 0) throw new HttpError(400, 'invalid_input', 'q: give at least one word of the name', 'q');
  }
  if (q.by === 'account' || (q.by === 'auto' && /^\d{6,12}$/.test(compact))) {
    if (!/^\d{6,12}$/.test(compact)) throw new HttpError(400, 'invalid_input', 'q: an account number has 6 to 12 digits', 'q');
    s.accountNumber = compact;
  }
  if (q.by === 'phone' || (q.by === 'auto' && digitsOnly)) {
    const phone = phoneForSearch(q.q);
    if (phone) s.phone = phone;
    else if (q.by === 'phone') throw new HttpError(400, 'invalid_input', 'q: not a phone number', 'q');
  }
  return s;
}

export function registerCustomerRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  app.get(API.customers, { preHandler: requireRole(...CUSTOMER_ROLES) }, async (req): Promise<CustomerSearchResponse> => {
    const q = parseInput(CustomerSearchQuery, req.query);
    const customers = await searchCustomers(ctx.db, buildCustomerSearch(q, managerScope(authOf(req))));
    return { customers };
  });

  app.get(API.customer, { preHandler: requireRole(...CUSTOMER_ROLES) }, async (req): Promise<CustomerResponse> => {
    const { id } = parseInput(IdParams, req.params);
    const customer = await getCustomer(ctx.db, id);
    if (!customer) throw notFound('customer');
    assertInScope(authOf(req), customer);
    return { customer };
  });

  app.patch(API.customer, { preHandler: requireRole(...CUSTOMER_ROLES) }, async (req): Promise<CustomerResponse> => {
    const auth = authOf(req);
    const { id } = parseInput(IdParams, req.params);
    const patch = parseInput(CustomerPatch, req.body);
    const phones = patch.phones?.map((raw, i) => {
      const e164 = normalizePhone(raw);
      if (!e164) throw new HttpError(400, 'invalid_input', `phones.${i}: not a valid phone number`, `phones.${i}`);
      return e164;
    });
    const change = {
      phones: phones && [...new Set(phones)],
      emails: patch.emails && [...new Set(patch.emails.map((e) => e.trim()))],
      address: patch.address,
    };
    // One transaction: the row is locked, changed, audited and put in the sync feed together, or
    // none of it (retried whole if a concurrent writer of the same rows got there first).
    const customer = await withSyncedTransaction(ctx.db, async (trx) => {
      const before = await getCustomer(trx, id, { forUpdate: true });
      if (!before) throw notFound('customer');
      assertInScope(auth, before);
      const fields = await updatePersonalData(trx, before, change, ctx.now());
      if (fields.length === 0) return before;
      await writeAudit(trx, { action: 'customer_updated', actorAgentId: auth.agent.id, actorLogin: auth.agent.login, targetType: 'customer', targetId: id, fields, ip: req.ip });
      return (await getCustomer(trx, id))!;
    });
    req.log.info({ customerId: id, agentId: auth.agent.id }, 'customer personal data changed');
    return { customer };
  });

  app.put(API.customerManager, { preHandler: requireRole('supervisor', 'admin') }, async (req): Promise<CustomerResponse> => {
    const auth = authOf(req);
    const { id } = parseInput(IdParams, req.params);
    const { personalManagerId } = parseInput(CustomerManagerChange, req.body);
    const customer = await reassignCustomer(ctx.db, { agent: auth.agent, ip: req.ip ?? null }, id, personalManagerId, { now: ctx.now(), scopeDays: ctx.settings.syncScopeDays });
    req.log.info({ customerId: id, personalManagerId, agentId: auth.agent.id }, 'customer given to another manager');
    return { customer };
  });
}
