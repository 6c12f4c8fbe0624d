// Customer search by name, phone (any Russian format) and account number; the personal manager's
// portfolio; changes of personal data, normalised and audit-logged by field name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, AuditResponse, CustomerResponse, CustomerSearchResponse, ServerErrorBody } from '../../../contract/index.ts';
import { AGENT_IDS, CUSTOMER_IDS } from './fixtures.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function search(q: string, role: 'operator' | 'personal_manager' = 'operator', by?: string) {
  const params = new URLSearchParams({ q, ...(by ? { by } : {}) });
  const r = await h.request({ url: `${API.customers}?${params}`, token: await h.tokenFor(role) });
  expect(r.statusCode, r.body).toBe(200);
  return CustomerSearchResponse.parse(r.json()).customers.map((c) => c.id);
}

describe('search', () => {
  it.each([
    ['Иванова', [CUSTOMER_IDS.ivanova]],
    ['иванова алена', [CUSTOMER_IDS.ivanova]], // case and ё folded
    ['ИВАН', [CUSTOMER_IDS.ivanova, CUSTOMER_IDS.petrov, CUSTOMER_IDS.semenov]], // any part of the name
    ['Пётр Семенов', [CUSTOMER_IDS.semenov]], // words in any order
    ['100%', []], // LIKE wildcards are literal
  ])('by name %j', async (q, expected) => {
    expect((await search(q)).sort()).toEqual([...expected].sort());
  });

  it.each(['8 (916) 123-45-67', '+7 916 123 45 67', '79161234567', '9161234567', '+7(495)642-85-85'])(
    'by phone %j',
    async (q) => {
      expect(await search(q)).toEqual([CUSTOMER_IDS.ivanova]);
    },
  );

  it('by account number', async () => {
    expect(await search('100200301')).toEqual([CUSTOMER_IDS.petrov]);
    expect(await search('4000500', 'operator', 'account')).toEqual([CUSTOMER_IDS.semenov]);
  });

  it('returns full customers matching the contract', async () => {
    const r = await h.request({ url: `${API.customers}?q=100200300`, token: await h.tokenFor('operator') });
    const [c] = CustomerSearchResponse.parse(r.json()).customers;
    expect(c).toMatchObject({
      accountNumber: '100200300', balance: 12_345, extraServiceIds: ['static-ip', 'tv'],
      address: { city: 'Москва', apartment: '45' }, personalManagerId: AGENT_IDS.personal_manager,
    });
  });

  it('a personal manager finds only their portfolio', async () => {
    expect(await search('Иван', 'personal_manager')).toEqual([CUSTOMER_IDS.ivanova]);
    expect(await search('100200301', 'personal_manager')).toEqual([]);
  });

  it('names the field of invalid input', async () => {
    const token = await h.tokenFor('operator');
    for (const [query, field] of [['', 'q'], ['q=a&limit=1000', 'limit'], ['q=a&by=fax', 'by'], ['q=abc&by=phone', 'q'], ['q=a&x=1', 'x']] as const) {
      const r = await h.request({ url: `${API.customers}?${query}`, token });
      expect(r.statusCode, query).toBe(400);
      expect(ServerErrorBody.parse(r.json()).error).toMatchObject({ code: 'invalid_input', field });
    }
  });
});

describe('get', () => {
  it('returns a customer; 404 for an unknown id; 400 for a malformed id', async () => {
    const token = await h.tokenFor('supervisor');
    const r = await h.request({ url: apiPath(API.customer, { id: CUSTOMER_IDS.semenov }), token });
    expect(CustomerResponse.parse(r.json()).customer.fullName).toBe('Семёнов Пётр Иванович');
    const missing = await h.request({ url: apiPath(API.customer, { id: '10000000-0000-4000-8000-0000000000ff' }), token });
    expect(missing.statusCode).toBe(404);
    expect(ServerErrorBody.parse(missing.json()).error.code).toBe('not_found');
    const bad = await h.request({ url: apiPath(API.customer, { id: 'nope' }), token });
    expect(ServerErrorBody.parse(bad.json()).error).toMatchObject({ code: 'invalid_input', field: 'id' });
  });

  it("refuses a personal manager another manager's customer", async () => {
    const r = await h.request({ url: apiPath(API.customer, { id: CUSTOMER_IDS.petrov }), token: await h.tokenFor('personal_manager') });
    expect(r.statusCode).toBe(403);
  });
});

describe('patch', () => {
  const url = apiPath(API.customer, { id: CUSTOMER_IDS.semenov });

  it('normalises phones to E.164, replaces e-mails and address, and audits field names only', async () => {
    const token = await h.tokenFor('operator');
    const r = await h.request({
      method: 'PATCH', url, token,
      body: {
        phones: ['8 (484) 256-78-90', '+7 910 000-11-22', '89100001122'],
        emails: ['new.semenov@example.ru'],
        address: { region: 'Калужская область', city: 'Калуга', street: 'улица Ленина', house: '7', apartment: '1' },
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    const c = CustomerResponse.parse(r.json()).customer;
    expect(c.phones).toEqual(['+74842567890', '+79100001122']);
    expect(c.emails).toEqual(['new.semenov@example.ru']);
    expect(c.address.street).toBe('улица Ленина');

    const audit = await h.request({ url: `${API.audit}?action=customer_updated&targetId=${CUSTOMER_IDS.semenov}`, token: await h.tokenFor('admin') });
    const [entry] = AuditResponse.parse(audit.json()).entries;
    expect(entry).toMatchObject({ actorAgentId: AGENT_IDS.operator, targetType: 'customer', targetId: CUSTOMER_IDS.semenov });
    expect(entry!.fields.sort()).toEqual(['address.street', 'emails', 'phones']);
    expect(audit.body).not.toContain('Ленина');
    expect(audit.body).not.toContain('new.semenov');
  });

  it('an unchanged value writes no audit entry', async () => {
    const token = await h.tokenFor('supervisor');
    const before = await h.database.db.selectFrom('audit_log').select('id').where('action', '=', 'customer_updated').execute();
    const r = await h.request({ method: 'PATCH', url, token, body: { emails: ['new.semenov@example.ru'] } });
    expect(r.statusCode).toBe(200);
    const after = await h.database.db.selectFrom('audit_log').select('id').where('action', '=', 'customer_updated').execute();
    expect(after.length).toBe(before.length);
  });

  it('names the bad field: phones.N, emails.N, address.house, an unknown key, an empty patch', async () => {
    const token = await h.tokenFor('operator');
    const cases: Array<[unknown, string | undefined]> = [
      [{ phones: ['+79161234567', '12'] }, 'phones.1'],
      [{ emails: ['ok@example.ru', 'not-an-email'] }, 'emails.1'],
      [{ address: { region: 'Москва', city: 'Москва', street: 'Тверская', house: '', apartment: null } }, 'address.house'],
      [{ fullName: 'Кто-то' }, 'fullName'],
    ];
    for (const [body, field] of cases) {
      const r = await h.request({ method: 'PATCH', url, token, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(ServerErrorBody.parse(r.json()).error).toMatchObject({ code: 'invalid_input', field });
    }
    const empty = await h.request({ method: 'PATCH', url, token, body: {} });
    expect(empty.statusCode).toBe(400);
  });

  it("refuses a personal manager another manager's customer, and changes nothing", async () => {
    const r = await h.request({
      method: 'PATCH', url: apiPath(API.customer, { id: CUSTOMER_IDS.petrov }), token: await h.tokenFor('personal_manager'),
      body: { emails: ['hijack@example.ru'] },
    });
    expect(r.statusCode).toBe(403);
    const row = await h.database.db.selectFrom('customers').select('emails').where('id', '=', CUSTOMER_IDS.petrov).executeTakeFirstOrThrow();
    expect(row.emails).toEqual([]);
  });

  it('concurrent patches of one customer both apply, each audited', async () => {
    const token = await h.tokenFor('operator');
    const target = apiPath(API.customer, { id: CUSTOMER_IDS.ivanova });
    const results = await Promise.all([
      h.request({ method: 'PATCH', url: target, token, body: { emails: ['one@example.ru'] } }),
      h.request({ method: 'PATCH', url: target, token, body: { phones: ['+79990001122'] } }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const row = await h.database.db.selectFrom('customers').select(['emails', 'phones']).where('id', '=', CUSTOMER_IDS.ivanova).executeTakeFirstOrThrow();
    expect(row).toEqual({ emails: ['one@example.ru'], phones: ['+79990001122'] });
  });
});

describe('directory', () => {
  it('lists agents with their sites, filtered by role', async () => {
    const r = await h.request({ url: `${API.agents}?role=personal_manager`, token: await h.tokenFor('supervisor') });
    const body = r.json() as { agents: Array<{ id: string; site: { id: string } }> };
    expect(body.agents.map((a) => a.id).sort()).toEqual([AGENT_IDS.other_manager, AGENT_IDS.personal_manager].sort());
  });

  it('lists articles without bodies, by category, and reads one with its body', async () => {
    const token = await h.tokenFor('operator');
    const list = (await h.request({ url: `${API.articles}?category=financial`, token })).json() as { articles: Array<Record<string, unknown>>; total: number };
    expect(list.total).toBe(1);
    expect(list.articles[0]).not.toHaveProperty('body');
    const one = (await h.request({ url: apiPath(API.article, { id: list.articles[0]!.id as string }), token })).json() as { article: { body: string } };
    expect(one.article.body).toContain('Обещанный платёж');
  });

  it('pages the audit log backwards', async () => {
    const token = await h.tokenFor('quality_manager');
    const first = AuditResponse.parse((await h.request({ url: `${API.audit}?limit=2`, token })).json());
    expect(first.entries).toHaveLength(2);
    expect(first.nextBefore).not.toBeNull();
    const second = AuditResponse.parse((await h.request({ url: `${API.audit}?limit=2&before=${first.nextBefore}`, token })).json());
    expect(second.entries[0]!.id).toBeLessThan(first.entries[1]!.id);
  });
});
