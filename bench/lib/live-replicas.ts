// Child process of the live-latency bench: a few real clients — the sync engine with its live
// socket and a replica worker each — that say when a watched row changed in their replica. After
// every page a replica applies, the row is read back; a new value is reported with the time the
// page's apply returned (process.hrtime, the system's monotonic clock, which the parent shares).
// IPC: {start: {url, tokens, dir, entity, id, field}} → "ready" once every replica finished its first
// sync; then {seen: {value, replica, t}} per change of a watched field; "stop" → closes and exits.
import { join } from 'node:path';
import type { SyncEntityName } from '../../contract/sync.ts';
import { openReplica, type ReplicaDb } from '../../electron/services/db/replica-client.ts';
import { createSyncEngine, type EngineDb, type SyncEngine } from '../../electron/services/sync/engine.ts';

interface Watch {
  entity: SyncEntityName;
  id: string;
  field: string;
}

interface Start {
  url: string;
  tokens: string[];
  dir: string;
  watch: Watch[];
}

const send = (m: unknown) => process.send!(m);
const running: Array<{ db: ReplicaDb; engine: SyncEngine }> = [];

async function startReplica(s: Start, i: number): Promise<void> {
  const db = await openReplica({ path: join(s.dir, `replica-${i}.sqlite`) });
  const last = new Map<Watch, unknown>();
  /** After each applied page (checked in the worker, or on the page checker as the app does): what changed. */
  const seen = async <P>(page: P): Promise<P> => {
    const t = process.hrtime.bigint();
    for (const w of s.watch) {
      const value = ((await db.getRow(w.entity, w.id))?.data as Record<string, unknown> | undefined)?.[w.field];
      if (value === last.get(w)) continue;
      last.set(w, value);
      send({ seen: { value: String(value), replica: i, t: String(t) } });
    }
    return page;
  };
  const watched: EngineDb = {
    ...db,
    applyPullPage: async (input) => seen(await db.applyPullPage(input)),
    applyCheckedPage: async (input) => seen(await db.applyCheckedPage(input)),
  };
  const engine = createSyncEngine({ db: watched, serverUrl: s.url, token: s.tokens[i]!, pollIntervalMs: 3_600_000 });
  running.push({ db, engine });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica ${i}: no first sync within 60 s (${engine.status().state})`)), 60_000);
    engine.onStatus((st) => {
      if (st.state === 'online') {
        clearTimeout(timer);
        resolve();
      }
    });
    engine.start();
  });
}

process.on('message', (m: { start?: Start } | 'stop') => {
  if (m === 'stop') {
    void (async () => {
      for (const r of running) await r.engine.stop();
      for (const r of running) await r.db.close();
      process.disconnect();
    })();
    return;
  }
  if (!m.start) return;
  const s = m.start;
  void Promise.all(s.tokens.map((_, i) => startReplica(s, i))).then(
    () => send('ready'),
    (e: unknown) => send({ error: String(e) }),
  );
});
