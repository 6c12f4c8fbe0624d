// Pull: the seed fills the feed; each role's replica, built page by page, equals the tables read
// directly; bad requests get an error naming the field and change nothing; an old client is told
// to update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCOMPATIBLE_CLIENT, ServerErrorBody, SYNC_API, SYNC_PROTOCOL_VERSION } from '../../../contract/index.ts';
import { DEFAULT_SCOPE_DAYS } from '../../../server/src/sync/scope.ts';
import { AGENT_IDS, CUSTOMER_IDS, LOGINS } from './fixtures.ts';
import { expectedReplica, feedFor } from './sync-expected.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

const NOW = new Date('2025-01-20T12:00:00.000Z');
let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ now: NOW });
});
afterAll(async () => {
  await h?.close();
});

describe('first sync', () => {
  it.each([
    ['operator', AGENT_IDS.operator],
    ['personal_manager', AGENT_IDS.personal_manager],
    ['supervisor', AGENT_IDS.supervisor],
    ['admin', AGENT_IDS.admin],
  ] as const)('%s: small pages add up to exactly what the tables say', async (role, agentId) => {
    const token = await h.token(LOGINS[role]);
    const replica = new SyncReplica();
    const first = await h.pull(token, '0', 3);
    expect(first.changes).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    const total = first.changes.length + first.remaining;
    replica.apply(first);
    const pages = await h.drain(token, replica, 3);
    expect(pages).toBe(Math.max(1, Math.ceil(first.remaining / 3)));
    expect(replica.changesSeen).toBe(total);
    expect(replica.data()).toEqual(await expectedReplica(h.database.db, agentId, { now: NOW, scopeDays: DEFAULT_SCOPE_DAYS }));
    expect(replica.data()).toEqual(await feedFor(h.database.db, agentId));
    // Caught up: nothing new, the cursor stays.
    expect(await h.pull(token, replica.cursor)).toEqual({ changes: [], next: replica.cursor, hasMore: false, remaining: 0 });
  });

  it('scoped rows go only to their agents', async () => {
    const manager = new SyncReplica();
    await h.drain(await h.token(LOGINS.personal_manager), manager);
    expect(manager.entities('customer')).toEqual([CUSTOMER_IDS.ivanova]);
    expect(manager.entities('conversation')).toEqual([]);
    const supervisor = new SyncReplica();
    await h.drain(await h.token(LOGINS.supervisor), supervisor);
    expect(supervisor.entities('customer')).toEqual([]);
    expect(supervisor.entities('article')).toHaveLength(2);
    expect(supervisor.entities('agent')).toHaveLength(6);
  });
});

describe('bad pull requests', () => {
  async function refused(body: unknown, status: number, code: string, field?: string) {
    const token = await h.token(LOGINS.operator);
    const before = await h.database.db.selectFrom('sync_feed').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await h.post(SYNC_API.pull, token, body);
    expect(r.statusCode, r.body).toBe(status);
    const error = ServerErrorBody.parse(r.json()).error;
    expect(error.code).toBe(code);
    if (field) expect(error.field).toBe(field);
    const after = await h.database.db.selectFrom('sync_feed').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
    return error;
  }
  const p = SYNC_PROTOCOL_VERSION;

  it.each([
    ['truncated JSON', '{"protocol": 1, "after": "0", "lim', 'body'],
    ['a list', [], undefined],
    ['after as a number', { protocol: p, after: 5 }, 'after'],
    ['after = "-1"', { protocol: p, after: '-1' }, 'after'],
    ['after = "abc"', { protocol: p, after: 'abc' }, 'after'],
    ['after with a leading zero', { protocol: p, after: '007' }, 'after'],
    ['after beyond bigint', { protocol: p, after: '9999999999999999999' }, 'after'],
    ['limit 10^9', { protocol: p, after: '0', limit: 1e9 }, 'limit'],
    ['limit 0', { protocol: p, after: '0', limit: 0 }, 'limit'],
    ['limit 1.5', { protocol: p, after: '0', limit: 1.5 }, 'limit'],
    ['an unknown key', { protocol: p, after: '0', since: 'yesterday' }, 'since'],
    ['no protocol', { after: '0' }, 'protocol'],
  ])('%s → 400 invalid_input', async (_name, body, field) => {
    await refused(body, 400, 'invalid_input', field);
  });

  it('a cursor past every version issued (another database) → 409, sync again from 0', async () => {
    const e = await refused({ protocol: p, after: '900000000000' }, 409, 'conflict', 'after');
    expect(e.message).toMatch(/from "0"/);
  });

  it('another sync protocol → 426 incompatible_client, which the client shows as "update Pult"', async () => {
    for (const protocol of [p - 1, p + 1]) {
      const e = await refused({ protocol, after: '0' }, 426, INCOMPATIBLE_CLIENT, 'protocol');
      expect(e.message).toMatch(/Update Pult/);
    }
  });

  it('needs a signed-in agent', async () => {
    const r = await h.post(SYNC_API.pull, null, { protocol: p, after: '0' });
    expect(r.statusCode).toBe(401);
  });
});
