// The sync feed on the embedded database with 10 000 generated customers: an operator's and a
// personal manager's first sync as the client makes it (HTTP pages of 500: session check, schema
// validation, one REPEATABLE READ transaction per page, JSON) against one bare SELECT of the same
// rows. Also the periodic scope refresh when nothing changed.
// Run alone: node bench/scenarios/sync-pull.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_API, SYNC_PROTOCOL_VERSION, type PullResponse } from '../../contract/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { openDatabase } from '../../server/src/db/open-database.ts';
import { DEMO_PASSWORD, generateSeedData } from '../../server/src/seed/generate.ts';
import { insertSeedData } from '../../server/src/seed/insert.ts';
import { refreshFeed } from '../../server/src/sync/refresh.ts';
import { fmtMs, measure, type Row } from '../lib/timing.ts';

const CUSTOMERS = 10_000;
const NOW = new Date('2026-11-01T09:00:00Z');

export async function syncPull(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pult-bench-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    await insertSeedData(database.db, generateSeedData({ seed: 7, customers: CUSTOMERS, now: NOW }), { scrypt: { N: 1024, r: 8, p: 1 }, now: NOW });
    const app = await buildApp({ database, log: { level: 'silent' } });
    const headers = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    const rows: Row[] = [];
    for (const login of ['operator', 'manager']) {
      const r = await app.inject({ method: 'POST', url: API.login, headers, payload: { login, password: DEMO_PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`login ${login}: ${r.body}`);
      const { token, agent } = r.json() as { token: string; agent: { id: string } };
      const auth = { ...headers, authorization: `Bearer ${token}` };
      let changes = 0;
      const viaHttp = await measure(10, async () => {
        let after = '0';
        changes = 0;
        for (;;) {
          const page = await app.inject({ method: 'POST', url: SYNC_API.pull, headers: auth, payload: { protocol: SYNC_PROTOCOL_VERSION, after, limit: 500 } });
          const body = page.json() as PullResponse;
          changes += body.changes.length;
          after = body.next;
          if (!body.hasMore) break;
        }
      }, 2);
      const bare = await measure(10, () => sql`select entity, entity_id, op, data, version from sync_feed
        where version > 0 and (audience is null or audience = ${agent.id}::uuid) order by version`.execute(database.db), 2);
      rows.push({
        scenario: `First sync of "${login}" (${changes.toLocaleString('en-US')} changes, ${CUSTOMERS} customers, PGlite): HTTP pages of 500 vs one bare SELECT`,
        measured: `p50 ${fmtMs(viaHttp.p50Ms)}`,
        baseline: `p50 ${fmtMs(bare.p50Ms)}`,
        ratio: viaHttp.p50Ms / bare.p50Ms,
        of: 'p50 time of the whole first sync',
      });
    }
    const idle = await measure(5, () => refreshFeed(database.db, { now: NOW, scopeDays: 14 }), 1);
    const count = await measure(5, () => sql`select count(*) from sync_feed`.execute(database.db), 1);
    rows.push({
      scenario: 'Periodic feed refresh with nothing changed (all agents, PGlite) vs counting the feed',
      measured: `p50 ${fmtMs(idle.p50Ms)}`,
      baseline: `p50 ${fmtMs(count.p50Ms)}`,
      ratio: idle.p50Ms / count.p50Ms,
      of: 'p50 time per refresh',
    });
    await app.close();
    return rows;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const row of await syncPull()) console.log(`${row.scenario}\n  measured: ${row.measured}\n  baseline: ${row.baseline}\n  ratio: ${row.ratio.toFixed(2)}× (${row.of})`);
}
