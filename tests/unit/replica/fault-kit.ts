// Shared by the kill -9 and fault suites (unit, against the fake server; integration, against the
// real one): a seeded PRNG, checksums of replica tables and of the server's rows, a raw look into a
// replica file after a kill, and a killable client process (kill-child.ts).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { SYNC_ENTITIES, type MutationName, type SyncEntityName } from '../../../contract/sync.ts';
import type { RowPatch } from '../../../electron/services/db/row-patch.ts';

/**
 * The seed of a fault suite: PULT_FAULT_SEED if set, else a fresh one. Printed, so a failing run
 * can be replayed (the kill points are the same; exact timings of a kill cannot be).
 */
export function faultSeed(suite: string): number {
  const fromEnv = process.env.PULT_FAULT_SEED;
  const seed = fromEnv ? Number(fromEnv) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  console.log(`[${suite}] seed ${seed} (replay: PULT_FAULT_SEED=${seed})`);
  return seed;
}

export interface Prng {
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): Prng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** JSON with object keys sorted at every level: equal data, equal text, whatever the key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One live row, on either side: entity, id, feed version (decimal) and data. */
export interface SyncedRow {
  entity: SyncEntityName;
  id: string;
  version: string;
  data: unknown;
}

export type TableChecksums = Record<SyncEntityName, { rows: number; sha256: string }>;

/** Per table: the row count and sha256 over "id TAB version TAB canonical JSON" lines sorted by id. */
export function checksums(rows: Iterable<SyncedRow>): TableChecksums {
  const lines = new Map<SyncEntityName, string[]>(SYNC_ENTITIES.map((e) => [e, []]));
  for (const r of rows) lines.get(r.entity)!.push(`${r.id}\t${r.version}\t${canonical(r.data)}`);
  return Object.fromEntries(
    [...lines].map(([entity, l]) => [entity, { rows: l.length, sha256: createHash('sha256').update(l.sort().join('\n')).digest('hex') }]),
  ) as TableChecksums;
}

/** The first differences between two sets of rows (for a readable failure before the checksums). */
export function rowDiff(replica: Iterable<SyncedRow>, server: Iterable<SyncedRow>, max = 5): string[] {
  const index = (rows: Iterable<SyncedRow>) => new Map([...rows].map((r) => [`${r.entity}:${r.id}`, `${r.version} ${canonical(r.data)}`]));
  const a = index(replica);
  const b = index(server);
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(k) !== b.get(k)) out.push(`${k}: replica ${a.get(k)?.slice(0, 160) ?? 'missing'} / server ${b.get(k)?.slice(0, 160) ?? 'missing'}`);
    if (out.length >= max) break;
  }
  return out;
}

export interface OutboxRow {
  seq: number;
  name: MutationName;
  args: unknown;
  status: 'pending' | 'sent';
  apply: RowPatch[];
}

export interface ReplicaFile {
  /** PRAGMA user_version: 0 when the kill came before the replica was first created. */
  schema: number;
  integrity: string;
  rows: SyncedRow[];
  state: Record<string, string>;
  outbox: OutboxRow[];
  pendingBase: number;
  /** Rows whose search-index entries are missing or left over (should be 0: same transaction). */
  indexDrift: { kb: number; customers: number };
}

/**
 * Opens the file as the next start of the app would (read-write, so a WAL left by a killed process
 * is recovered), reads everything a fault test checks, and closes it again.
 */
export function inspectReplica(path: string): ReplicaFile {
  const none: ReplicaFile = { schema: 0, integrity: 'ok', rows: [], state: {}, outbox: [], pendingBase: 0, indexDrift: { kb: 0, customers: 0 } };
  if (!existsSync(path)) return none;
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const schema = db.pragma('user_version', { simple: true }) as number;
    // Killed while the file was being created: the migrations are one transaction, so all or nothing.
    if (schema === 0) return { ...none, integrity };
    const rows: SyncedRow[] = [];
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    for (const entity of SYNC_ENTITIES) {
      if (!tables.has(entity)) continue; // an entity newer than this replica's schema: nothing held
      const all = db.prepare(`SELECT id, version, data FROM "${entity}"`).safeIntegers(true).all() as Array<{ id: string; version: bigint; data: string }>;
      for (const r of all) rows.push({ entity, id: r.id, version: r.version.toString(), data: JSON.parse(r.data) });
    }
    const state = Object.fromEntries((db.prepare('SELECT key, value FROM sync_state').all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
    const outbox = (db.prepare('SELECT seq, name, args, status, apply FROM outbox ORDER BY seq').all() as Array<{ seq: number; name: MutationName; args: string; status: OutboxRow['status']; apply: string }>).map(
      (r) => ({ ...r, args: JSON.parse(r.args) as unknown, apply: JSON.parse(r.apply) as RowPatch[] }),
    );
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      schema,
      integrity,
      rows,
      state,
      outbox,
      pendingBase: count('SELECT count(*) FROM pending_base'),
      indexDrift: {
        // The search index's tables are made at open, after the migrations: absent if killed in between.
        kb: !tables.has('kb_doc') ? count('SELECT count(*) FROM article') : count('SELECT (SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM kb_doc d WHERE d.article_id = a.id)) + (SELECT count(*) FROM kb_doc d WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.id = d.article_id))'),
        // A search row per customer, and its phones indexed exactly as the row (optimistic patches included) holds them.
        customers:
          count('SELECT (SELECT count(*) FROM customer c WHERE NOT EXISTS (SELECT 1 FROM customer_search s WHERE s.customer_id = c.id)) + (SELECT count(*) FROM customer_search s WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = s.customer_id))') +
          count(`SELECT count(*) FROM customer c WHERE
            (SELECT group_concat(e164, ',') FROM (SELECT e164 FROM customer_phone p WHERE p.customer_id = c.id ORDER BY e164)) IS NOT
            (SELECT group_concat(value, ',') FROM (SELECT DISTINCT value FROM json_each(c.data, '$.phones') ORDER BY value))`) +
          count('SELECT count(*) FROM customer_phone p WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = p.customer_id)'),
      },
    };
  } finally {
    db.close();
  }
}

/** A mutation the child queues: `tag` is unique and travels in the arguments, so the server's effects can be counted per mutation. */
export interface PlannedMutation {
  tag: string;
  name: MutationName;
  args: unknown;
  apply?: RowPatch[];
  /** The operator's pause after queueing it. */
  pauseMs: number;
}

/** What kill-child.ts does: start the engine on the replica, queue these, wait until the outbox drained. */
export interface KillChildPlan {
  path: string;
  serverUrl: string;
  token: string;
  pullLimit: number;
  mutations: PlannedMutation[];
  /** The child gives up (exit 3) if it has not drained by then. */
  drainTimeoutMs: number;
}

export type ChildMessage =
  | { started: string }
  | { enqueuing: string }
  | { enqueued: string; seq: number }
  | { done: { cursor: string; pagesApplied: number } };

export interface KillChild {
  readonly messages: ChildMessage[];
  onMessage(listener: (m: ChildMessage) => void): void;
  /** SIGKILL (if still running); resolves once it is gone. */
  kill(): Promise<void>;
  /** Resolves when the child ended, however. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));

export interface KillChildren {
  /** Hands the plan to a child that has already loaded its modules, and warms up the next one. */
  start(plan: KillChildPlan): KillChild;
  close(): Promise<void>;
}

/**
 * Killable clients for one test file. Each kill costs a fresh Node, and on a busy 2-core machine
 * its start-up (stripping types, loading modules) is most of a run; so a spare child always waits,
 * modules loaded, for its plan on stdin, and a per-file compile cache halves what is left. The
 * spare opens the replica only once it has its plan, after the previous child is gone.
 */
export function killChildren(opts: { maxRunMs?: number } = {}): KillChildren {
  const compileCache = mkdtempSync(join(tmpdir(), 'pult-kill-cc-'));
  let spare: ReturnType<typeof spawnChild> | null = null;
  let closed = false;
  const spawnChild = () => {
    const child = spawn(process.execPath, [CHILD], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_COMPILE_CACHE: compileCache } });
    child.stdin.on('error', () => undefined); // a child killed before it read its plan
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    return { child, exit };
  };
  const pool: KillChildren = {
    start(plan) {
      if (closed) throw new Error('the kill children are closed');
      const { child, exit } = spare ?? spawnChild();
      spare = spawnChild();
      const messages: ChildMessage[] = [];
      const listeners: Array<(m: ChildMessage) => void> = [];
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => void (stderr.length < 20_000 && (stderr += c.toString())));
      // Only whole lines: a kill may cut the last one short.
      createInterface({ input: child.stdout }).on('line', (line) => {
        let m: ChildMessage;
        try {
          m = JSON.parse(line) as ChildMessage;
        } catch {
          return;
        }
        messages.push(m);
        for (const l of listeners) l(m);
      });
      child.stdin.end(`${JSON.stringify(plan)}\n`);
      // A child stuck for good would hang the suite: bounded.
      const guard = setTimeout(() => child.kill('SIGKILL'), opts.maxRunMs ?? 60_000);
      void exit.then(() => clearTimeout(guard));
      return {
        messages,
        onMessage: (l) => void listeners.push(l),
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exit;
        },
        exit,
        stderr: () => stderr,
      };
    },
    async close() {
      closed = true;
      const last = spare;
      spare = null;
      if (last) {
        last.child.kill('SIGKILL');
        await last.exit;
      }
      rmSync(compileCache, { recursive: true, force: true });
    },
  };
  afterAll(() => pool.close());
  return pool;
}

/** Tags in the order the child reported them queued (committed for sure). */
export const enqueuedTags = (messages: readonly ChildMessage[]): string[] => messages.flatMap((m) => ('enqueued' in m ? [m.enqueued] : []));

/** A tag being queued when the child died: committed or not, never half. */
export const inFlightTag = (messages: readonly ChildMessage[]): string | null => {
  const last = messages.findLast((m) => 'enqueuing' in m || 'enqueued' in m);
  return last && 'enqueuing' in last ? last.enqueuing : null;
};

/** The tag a mutation carries in its arguments (a feedback comment, or the e-mail of a contacts change). */
export function tagOf(name: MutationName, args: unknown): string {
  const a = args as { comment?: string; emails?: string[] };
  const tag = name === 'article.feedback' ? a.comment : a.emails?.[0]?.split('@')[0];
  if (!tag) throw new Error(`mutation ${name} carries no tag: ${JSON.stringify(args)}`);
  return tag;
}

/** Tagged mutations of both kinds; a contacts change also patches the replica's row at once. */
export function feedbackMutation(tag: string, articleId: string, pauseMs: number): PlannedMutation {
  return { tag, name: 'article.feedback', args: { articleId, verdict: tag.length % 2 ? 'helped' : 'outdated', comment: tag }, pauseMs };
}

/** A contacts change the server refuses ("12" is no phone number) while its optimistic e-mail shows at once. */
export function refusedContactsMutation(tag: string, customerId: string, pauseMs: number): PlannedMutation {
  const emails = [`${tag}@example.ru`];
  return { tag, name: 'customer.updateContacts', args: { customerId, phones: ['12'], emails }, apply: [{ entity: 'customer', id: customerId, set: { emails } }], pauseMs };
}

export const isRefused = (m: Pick<PlannedMutation, 'name' | 'args'>): boolean =>
  m.name === 'customer.updateContacts' && (m.args as { phones?: string[] }).phones?.[0] === '12';

/** Rows as the outbox's pending patches say they must show now: each patched field at its last pending value. */
export function pendingPatchDrift(file: ReplicaFile): string[] {
  const expected = new Map<string, Record<string, unknown>>();
  for (const o of file.outbox) {
    for (const p of o.apply) expected.set(`${p.entity}:${p.id}`, { ...expected.get(`${p.entity}:${p.id}`), ...p.set });
  }
  const out: string[] = [];
  for (const [k, fields] of expected) {
    const row = file.rows.find((r) => `${r.entity}:${r.id}` === k);
    if (!row) continue; // a patch of a row not yet pulled applies when the row arrives
    for (const [field, value] of Object.entries(fields)) {
      const shown = (row.data as Record<string, unknown>)[field];
      if (canonical(shown) !== canonical(value)) out.push(`${k}.${field}: shows ${canonical(shown)}, pending ${canonical(value)}`);
    }
  }
  return out;
}

export function contactsMutation(tag: string, customerId: string, phoneIndex: number, pauseMs: number): PlannedMutation {
  const set = { phones: [`+7916${String(2_000_000 + phoneIndex).padStart(7, '0')}`], emails: [`${tag}@example.ru`] };
  return { tag, name: 'customer.updateContacts', args: { customerId, ...set }, apply: [{ entity: 'customer', id: customerId, set }], pauseMs };
}
