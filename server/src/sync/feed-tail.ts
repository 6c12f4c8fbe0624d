// The newest rows of the change feed, kept in memory, so that the pulls a poke sets off — every
// connected client at once, each asking for what came after the version it already has — are
// answered without a database query each.
//
// The tail is a copy of the feed's rows with versions in (base, top], taken by one query after each
// NOTIFY (routes/sync-live.ts calls refresh() before poking anyone). Versions become visible in
// version order (./README.md), so "every row above top" read at any moment is a consistent extension;
// a row that moved to a new version (changed again, or became a tombstone) replaces its older copy.
// The tail thus always equals the feed as it was at its last refresh, and a page cut from it is a
// page the database would have given at that moment — like any page read a little earlier.
//
// It answers only cursors within it (base ≤ after ≤ top), only while no commit above top is known —
// a pull must see every commit made before it, and the tail learns of one from NOTIFY and, for this
// process's own writers, from withSyncedTransaction right after COMMIT (before NOTIFY may arrive on
// PostgreSQL) — and only while it is fresh, refreshed in the last FRESH_MS: a LISTEN connection that
// dropped would otherwise leave it answering "nothing new" for ever. Otherwise the pull goes to the
// database, as one from below base or above top does.
// Bounded: past MAX_ROWS the oldest rows are dropped and base moves up; a burst larger than that (a
// seed, a big scope refresh) starts the tail over at the feed's end. Its first read, too, only finds
// that end (the server builds its routes before it migrates and seeds: nothing is read before).
import { sql, type Kysely } from 'kysely';
import type { Change, PullResponse, SyncEntityName } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';

const MAX_ROWS = 5000;
const FRESH_MS = 5000;

interface TailRow {
  key: string;
  version: bigint;
  /** null: for every agent. */
  audience: string | null;
  change: Change;
  /** Replaced by a newer version of the same row. */
  dead: boolean;
}

interface FeedRow {
  entity: SyncEntityName;
  entity_id: string;
  audience: string | null;
  op: 'upsert' | 'delete';
  data: unknown;
  version: string;
}

/** Who has something new after a refresh: 'all' (a row for every agent), or these agents. */
export type Audiences = 'all' | ReadonlySet<string>;

export interface FeedTail {
  /**
   * Reads the rows above top: what is new, and for whom; null while the tail is not started. The
   * first read after start() finds the feed's end and names everyone.
   */
  refresh(): Promise<{ top: string; audiences: Audiences } | null>;
  /** Lets the tail hear of commits and read. Call once LISTEN is in place. */
  start(): void;
  /** Stops answering and hearing of commits (the app closes). */
  stop(): void;
  /** A commit up to this version happened (NOTIFY, or a writer of this process after COMMIT). */
  committed(version: string): void;
  /** This agent's page after `after`, or null when the tail cannot answer for that cursor. */
  page(agentId: string, after: string, limit: number): PullResponse | null;
}

/** The started tails of each database handle, told by noteFeedCommit of this process's commits. */
const tailsOf = new WeakMap<Kysely<DB>, Set<FeedTail>>();

export function noteFeedCommit(db: Kysely<DB>, version: string): void {
  for (const tail of tailsOf.get(db) ?? []) tail.committed(version);
}

function toChange(r: FeedRow): Change {
  return r.op === 'delete'
    ? { op: 'delete', entity: r.entity, id: r.entity_id, version: r.version }
    : ({ op: 'upsert', entity: r.entity, id: r.entity_id, version: r.version, data: r.data } as Change);
}

export function createFeedTail(db: Kysely<DB>, now: () => number = Date.now): FeedTail {
  let rows: TailRow[] = [];
  const live = new Map<string, TailRow>();
  let started = false;
  let base: bigint | null = null; // null: no position yet
  let top = 0n;
  let dead = 0;
  let freshAt = 0;
  let known = 0n; // the highest version known to be committed
  let queue: Promise<unknown> = Promise.resolve();

  function trim(): void {
    if (dead > rows.length / 2) {
      rows = rows.filter((r) => !r.dead);
      dead = 0;
    }
    if (rows.length <= MAX_ROWS) return;
    const drop = rows.length - MAX_ROWS;
    for (const r of rows.slice(0, drop)) if (!r.dead) live.delete(r.key);
    base = rows[drop - 1]!.version;
    rows = rows.slice(drop);
    dead = rows.reduce((n, r) => n + (r.dead ? 1 : 0), 0);
  }

  /** Empties the tail and puts it at the feed's end. */
  async function restart(): Promise<void> {
    const startedAt = now();
    const r = await sql<{ v: string }>`select coalesce(max(version), 0)::text as v from sync_feed`.execute(db);
    base = top = BigInt(r.rows[0]!.v);
    rows = [];
    live.clear();
    dead = 0;
    freshAt = startedAt;
  }

  async function read(): Promise<{ top: string; audiences: Audiences } | null> {
    if (!started) return null;
    if (base === null) {
      await restart();
      return { top: top.toString(), audiences: 'all' };
    }
    const startedAt = now();
    const found = await sql<FeedRow>`
      select entity, entity_id, audience::text as audience, op, data, version::text as version
        from sync_feed where version > ${top.toString()}::bigint order by version limit ${MAX_ROWS + 1}`.execute(db);
    if (found.rows.length > MAX_ROWS) {
      await restart();
      return { top: top.toString(), audiences: 'all' };
    }
    const audiences = new Set<string>();
    let all = false;
    for (const r of found.rows) {
      const row: TailRow = { key: `${r.entity}\u0000${r.entity_id}\u0000${r.audience ?? ''}`, version: BigInt(r.version), audience: r.audience, change: toChange(r), dead: false };
      const old = live.get(row.key);
      if (old) {
        old.dead = true;
        dead++;
      }
      live.set(row.key, row);
      rows.push(row);
      if (row.audience === null) all = true;
      else audiences.add(row.audience);
    }
    if (found.rows.length > 0) top = BigInt(found.rows.at(-1)!.version);
    trim();
    freshAt = startedAt;
    return { top: top.toString(), audiences: all ? 'all' : audiences };
  }

  const tail: FeedTail = {
    start() {
      started = true;
      let tails = tailsOf.get(db);
      if (!tails) tailsOf.set(db, (tails = new Set()));
      tails.add(tail);
    },
    stop() {
      tailsOf.get(db)?.delete(tail);
      started = false;
      base = null;
    },
    committed(version) {
      const v = BigInt(version);
      if (v > known) known = v;
    },
    // Reads run one after another; each caller gets a read that began after its call.
    refresh() {
      const next = queue.then(read, read);
      queue = next.catch(() => null);
      return next;
    },
    page(agentId, after, limit) {
      if (!started || base === null || known > top || now() - freshAt > FRESH_MS) return null;
      const from = BigInt(after);
      if (from < base || from > top) return null;
      let i = firstAbove(rows, from);
      const changes: Change[] = [];
      for (; i < rows.length && changes.length < limit; i++) {
        const r = rows[i]!;
        if (!r.dead && (r.audience === null || r.audience === agentId)) changes.push(r.change);
      }
      let remaining = 0;
      for (; i < rows.length; i++) {
        const r = rows[i]!;
        if (!r.dead && (r.audience === null || r.audience === agentId)) remaining++;
      }
      return { changes, next: changes.at(-1)?.version ?? after, hasMore: remaining > 0, remaining };
    },
  };
  return tail;
}

/** Index of the first row with a version above v (rows are in version order). */
function firstAbove(rows: readonly TailRow[], v: bigint): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.version <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
