// customers.search / customers.get end to end in the main process: the replica (in its worker)
// answers first; only when it has nobody is the central server asked — with the session's token
// and our protocol version — and its customers come back marked `server`. With the server out of
// reach the answer says `offline` instead of pretending nobody exists.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../../contract/domain/customer.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/server-api.ts';
import { createCustomerService } from '../../../electron/services/customers/customer-service.ts';
import { createServerCustomers } from '../../../electron/services/customers/server-customers.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { localDay } from '../../../contract/domain/promotion.ts';
import { call, conversation, extraService, promotion, tariff } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { json, startFakeServer, TOKEN, type FakeServer } from '../electron/fixtures.ts';
import { ANNA, nextPath, person, up } from './helpers.ts';

/** Runs today for any tariff: the card offers it (the other promotion is for new customers only). */
const OFFER = { ...promotion(2), audience: 'existing' as const, startsOn: null, endsOn: localDay(new Date(Date.now() + 30 * 86_400_000)), tariffIds: [] };

/** A customer of the server's that this replica does not hold (another operator's, say). */
const REMOTE: Customer = person(77, { fullName: 'Соколова Мария Игоревна', phones: ['+79857776655'], accountNumber: '55500077', tariffId: 'home-300' });

let fake: FakeServer;
let db: ReplicaDb;
let offline = false;
const service = () =>
  createCustomerService({
    replica: () => db,
    server: createServerCustomers({ session: () => ({ serverUrl: fake.url, token: TOKEN }), timeoutMs: 2000 }),
    isOffline: () => offline,
  });

function serverHandler(req: Parameters<FakeServer['handler']>[0], _body: string, res: Parameters<FakeServer['handler']>[2]) {
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { error: { code: 'not_authenticated', message: 'no session' } });
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/api/customers') {
    const q = url.searchParams.get('q') ?? '';
    const hit = /соколова|мария/i.test(q) || q.replace(/\D/g, '').endsWith('9857776655') || q === REMOTE.accountNumber;
    return json(res, 200, { customers: hit ? [REMOTE] : [] });
  }
  if (url.pathname === `/api/customers/${REMOTE.id}`) return json(res, 200, { customer: REMOTE });
  return json(res, 404, { error: { code: 'not_found', message: 'customer not found' } });
}

beforeAll(async () => {
  fake = await startFakeServer();
  db = await openReplica({ path: nextPath() });
  const rows = [
    ['tariff', tariff(2)], ['extra_service', extraService(0)], ['customer', ANNA], ['conversation', conversation(1)], ['call', call(1)], ['call', call(51)],
    ['promotion', OFFER], ['promotion', { ...promotion(4), id: 'for-new', audience: 'new', startsOn: null, endsOn: null, tariffIds: [] }],
  ] as const;
  await db.applyPullPage({ after: '0', body: pageBody(rows.map(([entity, data], i) => up(entity, data, i + 1)), String(rows.length)) });
});
afterAll(async () => {
  await db.close();
  await fake.close();
});
beforeEach(() => {
  fake.handler = serverHandler;
  fake.requests.length = 0;
  offline = false;
});

describe('customers.search', () => {
  it('answers from the replica without asking the server', async () => {
    const r = await service().search({ query: '8 (916) 123-45-67' });
    expect(r).toMatchObject({ offline: false, askedServer: false, results: [{ id: ANNA.id, matched: 'phone', source: 'replica' }] });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([['соколова мария', 'name'], ['8 985 777-66-55', 'phone'], ['55500077', 'account']] as const)(
    'asks the server for %j when the replica has nobody, and marks the answer',
    async (query, matched) => {
      const r = await service().search({ query, limit: 10 });
      expect(r).toEqual({
        offline: false,
        askedServer: true,
        results: [expect.objectContaining({ id: REMOTE.id, source: 'server', matched, tariffName: 'Домашний 300' })],
      });
      const req = fake.requests[0]!;
      expect(new URL(req.url, 'http://x').searchParams.get('q')).toBe(query);
      expect(new URL(req.url, 'http://x').searchParams.get('limit')).toBe('10');
      expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(req.headers[PROTOCOL_HEADER]).toBe(String(PROTOCOL_VERSION));
    },
  );

  it('says "nobody" only after the server said so too', async () => {
    expect(await service().search({ query: 'Кузнецова Ольга' })).toEqual({ results: [], offline: false, askedServer: true });
  });

  it('does not ask the server for an address or a half-typed number (it could not find them)', async () => {
    expect(await service().search({ query: 'Тверская 7' })).toEqual({ results: [], offline: false, askedServer: false });
    expect(await service().search({ query: '8 916 1' })).toEqual({ results: [], offline: false, askedServer: false });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports offline at once when the connection is known to be down', async () => {
    offline = true;
    expect(await service().search({ query: 'соколова' })).toEqual({ results: [], offline: true, askedServer: false });
    expect(fake.requests).toHaveLength(0);
    // The replica still answers what it holds.
    expect((await service().search({ query: 'иванова' })).results.map((h) => h.id)).toEqual([ANNA.id]);
  });

  it('reports offline when the server does not answer', async () => {
    await fake.stop();
    try {
      expect(await service().search({ query: 'соколова' })).toEqual({ results: [], offline: true, askedServer: true });
    } finally {
      await fake.restart();
    }
  });

  it('treats a 400 as nobody, and names an expired session or a foreign server as such', async () => {
    fake.handler = (_q, _b, res) => json(res, 400, { error: { code: 'invalid_input', message: 'q: give at least one word', field: 'q' } });
    expect((await service().search({ query: 'соколова' })).results).toEqual([]);
    fake.handler = (_q, _b, res) => json(res, 401, { error: { code: 'not_authenticated', message: 'expired' } });
    await expect(service().search({ query: 'соколова' })).rejects.toMatchObject({ code: 'not_authenticated' });
    fake.handler = (_q, _b, res) => json(res, 200, { customers: [{ id: 'nope' }] });
    await expect(service().search({ query: 'соколова' })).rejects.toMatchObject({ code: 'incompatible_server' });
  });
});

describe('customers.get', () => {
  it('builds the card from the replica: tariff, services, recent conversations and calls', async () => {
    const { card, offline: off } = await service().get(ANNA.id);
    expect(off).toBe(false);
    expect(card).toMatchObject({ source: 'replica', customer: ANNA, tariff: { id: 'home-300', name: 'Домашний 300' } });
    expect(card?.conversations.map((c) => c.id)).toEqual([conversation(1).id]);
    expect(card?.calls.map((c) => c.id)).toEqual([call(51).id, call(1).id]); // newest first
    expect(card?.offers).toEqual([OFFER]);
    // A service the catalogue does not know keeps its id, so the card can still list it.
    expect(card?.extraServices).toEqual([
      { id: 'svc-0', name: 'Антивирус', monthlyFee: 9900 },
      { id: 'router-rent', name: null, monthlyFee: null },
    ]);
    expect(fake.requests).toHaveLength(0);
  });

  it('fetches a customer the replica does not hold from the server', async () => {
    const { card } = await service().get(REMOTE.id);
    expect(card).toMatchObject({ source: 'server', customer: REMOTE, tariff: { name: 'Домашний 300' }, conversations: [], calls: [] });
  });

  it('answers null for nobody, offline when the server is out of reach', async () => {
    expect(await service().get('c0000000-0000-4000-8000-0000000000ff')).toEqual({ card: null, offline: false });
    offline = true;
    expect(await service().get(REMOTE.id)).toEqual({ card: null, offline: true });
  });
});
