// A customer given to another personal manager through the API: the old manager's replica loses
// the customer and the payments (tombstones), the new one's gets them, the operator holding the
// customer sees the new manager — each replica then equals what the tables say it should hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, CustomerResponse, PROTOCOL_HEADER, PROTOCOL_VERSION, ServerErrorBody, type Role } from '../../../contract/index.ts';
import { DEFAULT_SCOPE_DAYS } from '../../../server/src/sync/scope.ts';
import { AGENT_IDS, CUSTOMER_IDS, fixtureData, LOGINS } from './fixtures.ts';
import { expectedReplica } from './sync-expected.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

let h: SyncHarness;
beforeAll(async () => {
  // The server scopes by its own clock (now): a payment of yesterday is in every scope's window.
  const data = fixtureData();
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  h = await startSyncHarness({ data: { ...data, payments: data.payments.map((p) => ({ ...p, paidAt: yesterday })) } });
});
afterAll(async () => {
  await h?.close();
});

async function reassign(role: Role, customerId: string, personalManagerId: string | null) {
  return h.app.inject({
    method: 'PUT',
    url: apiPath(API.customerManager, { id: customerId }),
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${await h.token(LOGINS[role])}` },
    payload: { personalManagerId },
  });
}

describe('reassigning a customer', () => {
  it('moves the customer with the payments from one manager replica to the other, audited', async () => {
    const oldManager = new SyncReplica();
    const newManager = new SyncReplica();
    await h.drain(await h.token(LOGINS.personal_manager), oldManager);
    await h.drain(await h.token('manager2'), newManager);
    expect(oldManager.entities('payment')).toHaveLength(1);

    const r = await reassign('supervisor', CUSTOMER_IDS.ivanova, AGENT_IDS.other_manager);
    expect(r.statusCode, r.body).toBe(200);
    expect(CustomerResponse.parse(r.json()).customer.personalManagerId).toBe(AGENT_IDS.other_manager);

    await h.drain(await h.token(LOGINS.personal_manager), oldManager);
    await h.drain(await h.token('manager2'), newManager);
    expect(oldManager.entities('customer')).toEqual([]);
    expect(oldManager.entities('payment')).toEqual([]);
    expect(newManager.entities('customer')).toContain(CUSTOMER_IDS.ivanova);
    expect(newManager.entities('payment')).toHaveLength(1);
    const scope = { now: new Date(), scopeDays: DEFAULT_SCOPE_DAYS };
    expect(oldManager.data()).toEqual(await expectedReplica(h.database.db, AGENT_IDS.personal_manager, scope));
    expect(newManager.data()).toEqual(await expectedReplica(h.database.db, AGENT_IDS.other_manager, scope));
    const audit = await h.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'customer_reassigned').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ target_id: CUSTOMER_IDS.ivanova, actor_login: LOGINS.supervisor });
  });

  it('refuses a role that may not, an agent who is no personal manager, and a missing customer', async () => {
    expect((await reassign('operator', CUSTOMER_IDS.semenov, AGENT_IDS.personal_manager)).statusCode).toBe(403);
    const notManager = await reassign('admin', CUSTOMER_IDS.semenov, AGENT_IDS.operator);
    expect(notManager.statusCode).toBe(400);
    expect(ServerErrorBody.parse(notManager.json()).error).toMatchObject({ code: 'invalid_input', field: 'personalManagerId' });
    expect((await reassign('admin', '10000000-0000-4000-8000-0000000000ff', null)).statusCode).toBe(404);
  });
});
