// The server's per-write scope refresh, at the size that made it a problem: a personal manager with
// 100 000 customers in the portfolio (the project's seed generator, every customer given to the
// demo manager, the feed filled as at server start), on the embedded database. Each sample is one
// call.log as push applies it — the mutation in its own synced transaction, stamped and committed —
// for a call from another customer of the portfolio.
// Measured: call.log as it is now, refreshing the scope of the rows it wrote (scope.ts
// refreshScopeOfRowsIn); also through the HTTP push the client makes, and the floor: the same synced
// transaction inserting the call with no scope refresh at all (on PGlite, which never vacuums, its
// stamping step reads the index entries the seed's feed rows left behind). Baseline, same run, same
// database: call.log followed by the full refresh of the manager's scope it used to run
// (refreshScopeIn), on a few calls only — each takes about a minute at this size.
// Run alone: node bench/scenarios/server-write.ts [incremental calls] [full-refresh calls] [customers]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION, PushResponse, SYNC_API, SYNC_PROTOCOL_VERSION } from '../../contract/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { openDatabase } from '../../server/src/db/open-database.ts';
import { findAgentForLogin } from '../../server/src/db/queries/agents.ts';
import { DEMO_PASSWORD, generateSeedData } from '../../server/src/seed/generate.ts';
import { insertSeedData } from '../../server/src/seed/insert.ts';
import { applyMutation } from '../../server/src/sync/mutations/index.ts';
import { DEFAULT_SCOPE_DAYS, refreshScopeIn } from '../../server/src/sync/scope.ts';
import { withSyncedTransaction } from '../../server/src/sync/synced-transaction.ts';
import { fmtMs, measure, type Row } from '../lib/timing.ts';

const MANAGER_LOGIN = 'manager';

function callArgs(customerId: string) {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return { callId: randomUUID(), direction: 'in', number: '+79160000000', customerId, startedAt: at(5), answeredAt: at(4), endedAt: at(1), result: 'answered', ivrChoice: null };
}

export async function serverWrite(calls = 30, fullCalls = 3, customers = 100_000): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pult-bench-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    let t = performance.now();
    const data = generateSeedData({ seed: 7, customers, now: new Date() });
    const manager = data.agents.find((a) => a.login === MANAGER_LOGIN);
    if (manager?.role !== 'personal_manager') throw new Error(`${MANAGER_LOGIN} is not a personal manager in the seed`);
    data.customers = data.customers.map((c) => ({ ...c, personalManagerId: manager.id }));
    // The seed fills the feed with a full refresh in its transaction, as the server does at start.
    await insertSeedData(database.db, data, { scrypt: { N: 1024, r: 8, p: 1 } });
    const seedMs = performance.now() - t;
    const agent = (await findAgentForLogin(database.db, MANAGER_LOGIN))!;
    const portfolio = data.customers.map((c) => c.id);
    let next = 0;
    const nextCustomer = () => portfolio[(next++ * 7_919) % portfolio.length]!;
    const scope = () => ({ now: new Date(), scopeDays: DEFAULT_SCOPE_DAYS });
    const logCall = (andFullRefresh: boolean) =>
      withSyncedTransaction(database.db, async (trx) => {
        const now = new Date();
        await applyMutation({ trx, agent, ip: null, now, scopeDays: DEFAULT_SCOPE_DAYS, prefix: 'mutations.0.args' }, 'call.log', callArgs(nextCustomer()));
        if (andFullRefresh) await refreshScopeIn(trx, agent.id, scope());
      });

    const incremental = await measure(calls, () => logCall(false), 3);
    const floor = await measure(calls, () =>
      withSyncedTransaction(database.db, async (trx) => {
        const c = callArgs(nextCustomer());
        await trx.insertInto('calls').values({
          id: c.callId, conversation_id: null, direction: 'in', agent_id: agent.id, number: c.number, customer_id: c.customerId,
          started_at: new Date(c.startedAt), answered_at: new Date(c.answeredAt), ended_at: new Date(c.endedAt), result: 'answered', ivr_choice: null,
        }).execute();
      }), 3);

    const app = await buildApp({ database, log: { level: 'silent' } });
    const headers = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    const login = await app.inject({ method: 'POST', url: API.login, headers, payload: { login: MANAGER_LOGIN, password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const auth = { ...headers, authorization: `Bearer ${(login.json() as { token: string }).token}` };
    const clientId = randomUUID();
    let seq = 0;
    const viaHttp = await measure(calls, async () => {
      seq++;
      const r = await app.inject({
        method: 'POST', url: SYNC_API.push, headers: auth,
        payload: { protocol: SYNC_PROTOCOL_VERSION, clientId, mutations: [{ seq, name: 'call.log', args: callArgs(nextCustomer()) }] },
      });
      const result = PushResponse.parse(r.json()).results[0];
      if (result?.status !== 'applied') throw new Error(`push of call.log: ${r.body}`);
    }, 3);
    await app.close();

    t = performance.now();
    const full = await measure(fullCalls, () => logCall(true), 0);
    const fullWallMs = performance.now() - t;

    const n = customers.toLocaleString('en-US');
    return [
      {
        scenario: `call.log of a personal manager with ${n} customers (PGlite): scope refresh of the written rows vs of the whole scope`,
        measured: `p50 ${fmtMs(incremental.p50Ms)}, p95 ${fmtMs(incremental.p95Ms)} (${calls} calls); through HTTP push p50 ${fmtMs(viaHttp.p50Ms)}, p95 ${fmtMs(viaHttp.p95Ms)}; ` +
          `floor (no scope refresh) p50 ${fmtMs(floor.p50Ms)}`,
        baseline: `p50 ${fmtMs(full.p50Ms)}, max ${fmtMs(full.p95Ms)} (${fullCalls} calls, ${(fullWallMs / 1000).toFixed(1)} s); seed with the feed ${(seedMs / 1000).toFixed(1)} s`,
        ratio: incremental.p50Ms / full.p50Ms,
        of: 'p50 time per call.log transaction',
      },
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const [calls, fullCalls, customers] = process.argv.slice(2).map(Number);
  for (const r of await serverWrite(calls || undefined, fullCalls || undefined, customers || undefined)) console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio:    ${r.ratio.toFixed(3)}× (${r.of})`);
}
