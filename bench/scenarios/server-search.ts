// The central server on the embedded database with 10 000 generated customers: an operator's
// customer search by phone as the client makes it (HTTP, session check, schema validation,
// normalisation, JSON) against the bare database query it ends in. Also how fast demo data is made
// and written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../contract/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { openDatabase } from '../../server/src/db/open-database.ts';
import { searchCustomers } from '../../server/src/db/queries/customers.ts';
import { DEMO_PASSWORD, generateSeedData } from '../../server/src/seed/generate.ts';
import { insertSeedData } from '../../server/src/seed/insert.ts';
import { fmtMs, fmtOps, measure, type Row } from '../lib/timing.ts';

const CUSTOMERS = 10_000;

export async function serverSearch(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pult-bench-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    let t = performance.now();
    const data = generateSeedData({ seed: 7, customers: CUSTOMERS, now: new Date('2026-11-01T09:00:00Z') });
    const generateMs = performance.now() - t;
    t = performance.now();
    await insertSeedData(database.db, data, { scrypt: { N: 1024, r: 8, p: 1 } });
    const insertMs = performance.now() - t;

    const app = await buildApp({ database, log: { level: 'silent' } });
    const headers = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    const login = await app.inject({ method: 'POST', url: API.login, headers, payload: { login: 'operator', password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const auth = { ...headers, authorization: `Bearer ${(login.json() as { token: string }).token}` };

    // Phones as operators type them: "8 (9xx) xxx-xx-xx".
    const phones = data.customers.slice(0, 500).map((c) => c.phones[0]!);
    const typed = phones.map((p) => `8 (${p.slice(2, 5)}) ${p.slice(5, 8)}-${p.slice(8, 10)}-${p.slice(10)}`);
    let i = 0;
    const viaHttp = await measure(1000, async () => {
      const q = typed[i++ % typed.length]!;
      const r = await app.inject({ method: 'GET', url: `${API.customers}?q=${encodeURIComponent(q)}`, headers: auth });
      if (r.statusCode !== 200 || (r.json() as { customers: unknown[] }).customers.length === 0) throw new Error(`search ${q}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    });
    i = 0;
    const direct = await measure(1000, async () => {
      const rows = await searchCustomers(database.db, { limit: 20, phone: phones[i++ % phones.length]! });
      if (rows.length === 0) throw new Error('no customer found');
    });
    await app.close();

    const rows = data.customers.length + data.payments.length + data.articles.length + data.conversations.length + data.messages.length + data.calls.length;
    return [
      {
        scenario: `Customer search by phone, ${CUSTOMERS} customers (PGlite): HTTP API vs bare query`,
        measured: `p50 ${fmtMs(viaHttp.p50Ms)}, p95 ${fmtMs(viaHttp.p95Ms)}, ${fmtOps(viaHttp.opsPerSec)}`,
        baseline: `p50 ${fmtMs(direct.p50Ms)}, p95 ${fmtMs(direct.p95Ms)}, ${fmtOps(direct.opsPerSec)}`,
        ratio: viaHttp.p50Ms / direct.p50Ms,
        of: 'p50 time per search',
      },
      {
        scenario: `Demo data: insert vs generate (${rows.toLocaleString('en-US')} rows)`,
        measured: `insert ${(insertMs / 1000).toFixed(2)} s, ${fmtOps((rows / insertMs) * 1000)} rows`,
        baseline: `generate ${(generateMs / 1000).toFixed(2)} s, ${fmtOps((rows / generateMs) * 1000)} rows`,
        ratio: insertMs / generateMs,
        of: 'wall time',
      },
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
