// How long a change takes to reach the operators: from the server's commit to the row being visible
// in a client's replica, with 300 clients connected to /api/sync/live, against the same with one
// client connected, measured in the same run.
// The server is the real one (server/src/app.ts on embedded PGlite, demo data with 2 000 customers,
// in this process); changes are written as every server write is, withSyncedTransaction +
// recordChanges, alternating two kinds:
// - global: a tariff renamed. Tariffs go to every agent, so every connected client pulls;
// - scoped: the balance of a customer in the demo operator's scope; only that agent's clients pull.
// The clients: 3 real ones in a child process (sync engine + live socket + replica worker each;
// operator, manager, supervisor), which report when the new value is in their replica, and the rest
// lightweight in another child process (a signed-in session each, holding the socket and pulling
// over HTTP on every poke), so the server carries the load of 300. Commit time: the bench's own
// LISTEN on the feed channel, which fires at commit; visible: the apply of the page returned (both
// on the system's monotonic clock). Each change is waited for (bounded) before the next, after a
// random pause of 100–300 ms. All of it shares this machine's cores: the CPU time per change of the
// server and of the lightweight clients is printed too.
// Run alone: node bench/scenarios/live-latency.ts [changes per phase]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../contract/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { openDatabase } from '../../server/src/db/open-database.ts';
import { DEMO_PASSWORD, generateSeedData } from '../../server/src/seed/generate.ts';
import { insertSeedData } from '../../server/src/seed/insert.ts';
import { recordChanges } from '../../server/src/sync/record-changes.ts';
import { FEED_CHANNEL, withSyncedTransaction } from '../../server/src/sync/synced-transaction.ts';
import { fmtMs, type Row } from '../lib/timing.ts';

const CLIENTS = 300;
/** The real clients; the first one is the operator who holds the scoped customer. */
const REAL = ['operator', 'manager', 'supervisor'];
const WARMUP = 3;
const SEEN_TIMEOUT_MS = 10_000;
const NOW = new Date();

type Kind = 'global' | 'scoped';

interface Phase {
  latencies: Record<Kind, number[]>;
  pulls: number;
  /** CPU per change: the server's (with this bench's driver) and the lightweight clients'. */
  serverCpuMs: number;
  lightCpuMs: number;
}

const child = (file: string) => fork(fileURLToPath(new URL(`../lib/${file}`, import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

function ready(p: ChildProcess, what: string, ms = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not ready within ${ms} ms`)), ms);
    const on = (m: unknown) => {
      if (m === 'ready') resolve();
      else if ((m as { error?: string }).error) reject(new Error(`${what}: ${(m as { error: string }).error}`));
      else return;
      clearTimeout(timer);
      p.off('message', on);
    };
    p.on('message', on);
  });
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.exitCode !== null) return resolve();
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    p.send('stop');
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export async function liveLatency(changes = 60): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pult-bench-live-'));
  const database = await openDatabase();
  const notified: bigint[] = [];
  try {
    await migrateToLatest(database.db);
    await insertSeedData(database.db, generateSeedData({ seed: 7, customers: 2000, now: NOW }), { scrypt: { N: 1024, r: 8, p: 1 }, now: NOW });
    // Listening before the app does: this callback runs first, at the moment the commit is visible.
    const unlisten = await database.listen(FEED_CHANNEL, () => void notified.push(process.hrtime.bigint()));
    const app = await buildApp({ database, log: { level: 'silent' }, settings: { loginMaxAttempts: 1_000_000 } });
    const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
    const one = <T>(rows: T[], what: string): T => rows[0] ?? (() => { throw new Error(`no ${what} in the demo data`); })();
    const logins = (await sql<{ login: string }>`select login from agents order by login`.execute(database.db)).rows.map((r) => r.login);
    const tariff = one((await sql<{ id: string }>`select id from tariffs order by id limit 1`.execute(database.db)).rows, 'tariff').id;
    const customer = one(
      (
        await sql<{ id: string }>`select f.entity_id as id from sync_feed f join agents a on a.id = f.audience
          where a.login = ${REAL[0]} and f.entity = 'customer' and f.op = 'upsert' order by f.entity_id limit 1`.execute(database.db)
      ).rows,
      `customer in the scope of ${REAL[0]}`,
    ).id;
    const signIn = async (login: string) => {
      const r = await app.inject({ method: 'POST', url: API.login, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }, payload: { login, password: DEMO_PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`sign-in of ${login}: ${r.body}`);
      return (r.json() as { token: string }).token;
    };

    const waiting = new Map<string, { seen: Map<number, bigint> }>();
    const onSeen = (m: unknown) => {
      const s = (m as { seen?: { value: string; replica: number; t: string } }).seen;
      const w = s && waiting.get(s.value);
      if (w && !w.seen.has(s.replica)) w.seen.set(s.replica, BigInt(s.t));
    };

    /** Writes one change as the server does; its latency (ms) at each replica that must see it. */
    async function change(kind: Kind, n: number, replicas: number[]): Promise<number[]> {
      // Unique per change: the tariff's new name, or the customer's new balance (kopecks).
      const value = kind === 'global' ? `Тариф · правка ${n}` : String(1_000_000 + n);
      const before = notified.length;
      const entry = { seen: new Map<number, bigint>() };
      waiting.set(value, entry);
      await withSyncedTransaction(database.db, async (trx) => {
        if (kind === 'global') await trx.updateTable('tariffs').set({ name: value }).where('id', '=', tariff).execute();
        else await trx.updateTable('customers').set({ balance: Number(value) }).where('id', '=', customer).execute();
        await recordChanges(trx, kind === 'global' ? 'tariff' : 'customer', [kind === 'global' ? tariff : customer]);
      });
      for (let i = 0; notified.length <= before; i++) {
        if (i >= 1000) throw new Error('the commit was never notified');
        await sleep(1);
      }
      const t0 = notified[before]!;
      const deadline = Date.now() + SEEN_TIMEOUT_MS;
      while (!replicas.every((r) => entry.seen.has(r))) {
        if (Date.now() > deadline) throw new Error(`${kind} change ${n} seen by ${entry.seen.size} of ${replicas.length} replicas after ${SEEN_TIMEOUT_MS} ms`);
        await sleep(2);
      }
      waiting.delete(value);
      return replicas.map((r) => Number(entry.seen.get(r)! - t0) / 1e6);
    }

    let serial = 0;
    async function phase(label: string, real: string[], light: number): Promise<Phase> {
      const load = light > 0 ? child('live-light-clients.ts') : null;
      const replicas = child('live-replicas.ts');
      replicas.on('message', onSeen);
      const result: Phase = { latencies: { global: [], scoped: [] }, pulls: 0, serverCpuMs: 0, lightCpuMs: 0 };
      try {
        // The lightweight clients connect first, so the real ones are not the first poked.
        if (load) {
          const tokens: string[] = [];
          for (let i = 0; i < light; i++) tokens.push(await signIn(logins[i % logins.length]!));
          const head = (await sql<{ v: string }>`select coalesce(max(version), 0)::text as v from sync_feed`.execute(database.db)).rows[0]!.v;
          const loadReady = ready(load, `${label}: lightweight clients`);
          load.send({ start: { url, tokens, after: head } });
          await loadReady;
          load.on('message', (m: { stats?: { pulls: number; cpuMs: number } }) => {
            if (m.stats) [result.pulls, result.lightCpuMs] = [m.stats.pulls, m.stats.cpuMs / changes];
          });
        }
        const replicasReady = ready(replicas, `${label}: real replicas`);
        const watch = [
          { entity: 'tariff', id: tariff, field: 'name' },
          { entity: 'customer', id: customer, field: 'balance' },
        ];
        replicas.send({ start: { url, tokens: await Promise.all(real.map(signIn)), dir: join(dir, label), watch } });
        await replicasReady;
        const all = real.map((_, i) => i);
        // Warm-up changes also prove every replica's live socket is up (a poke is the only trigger).
        for (let i = 0; i < WARMUP; i++) await change('global', serial++, all);
        load?.send('measure');
        if (process.env.DBG_PHASE) console.error('PHASE-START', label, String(process.hrtime.bigint()));
        const cpu = process.cpuUsage();
        for (let i = 0; i < changes; i++) {
          await sleep(100 + Math.random() * 200);
          const kind: Kind = i % 2 === 0 ? 'global' : 'scoped';
          result.latencies[kind].push(...(await change(kind, serial++, kind === 'global' ? all : [0])));
        }
        result.serverCpuMs = cpuMs(process.cpuUsage(cpu)) / changes;
        if (process.env.DBG_PHASE) console.error('PHASE-END', label, String(process.hrtime.bigint()));
      } finally {
        if (load) await stop(load);
        await stop(replicas);
      }
      for (const l of Object.values(result.latencies)) l.sort((a, b) => a - b);
      return result;
    }

    const base = await phase('one-client', REAL.slice(0, 1), 0);
    const many = await phase(`${CLIENTS}-clients`, REAL, CLIENTS - REAL.length);
    await app.close();
    await unlisten();
    const stats = (l: number[]) => `p50 ${fmtMs(pct(l, 0.5))}, p95 ${fmtMs(pct(l, 0.95))}, max ${fmtMs(l.at(-1)!)}`;
    const row = (kind: Kind, what: string): Row => ({
      scenario: `Change latency, server commit → visible in a replica (PGlite), ${what}: ${CLIENTS} clients connected vs 1 (${many.latencies[kind].length} and ${base.latencies[kind].length} samples)`,
      measured: stats(many.latencies[kind]),
      baseline: stats(base.latencies[kind]),
      ratio: pct(many.latencies[kind], 0.95) / pct(base.latencies[kind], 0.95),
      of: 'p95 latency (target: measured p95 ≤ 100 ms)',
    });
    return [
      row('global', 'a change for every agent (tariff renamed; every client pulls)'),
      row('scoped', "a change in one operator's scope (customer's balance; that agent's clients pull)"),
      {
        scenario: `  CPU per change (both kinds) with ${CLIENTS} clients vs 1: the server, and the lightweight clients sharing its machine`,
        measured: `server ${fmtMs(many.serverCpuMs)}, lightweight clients ${fmtMs(many.lightCpuMs)}; ${many.pulls.toLocaleString('en-US')} pulls by them for ${changes} changes`,
        baseline: `server ${fmtMs(base.serverCpuMs)}`,
        ratio: many.serverCpuMs / base.serverCpuMs,
        of: "server's CPU time per change",
      },
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const r of await liveLatency(Number(process.argv[2] ?? 60))) console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio:    ${r.ratio.toFixed(2)}× (${r.of})`);
}
