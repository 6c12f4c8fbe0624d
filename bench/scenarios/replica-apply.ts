// The client's first sync, without the network: 20 000 knowledge-base articles in pages of 500,
// each page checked (JSON, contract schemas, version order) and applied with its cursor in one
// transaction in the replica worker — against the bare minimum (JSON.parse + INSERT in the same
// process, no checks). And what each costs the main process: its longest event-loop stall.
// Run alone: node bench/scenarios/replica-apply.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openReplica } from '../../electron/services/db/replica-client.ts';
import { fmtMs, fmtOps, type Row } from '../lib/timing.ts';

const ARTICLES = 20_000;
const PAGE = 500;
const TOPICS = ['Нет доступа в интернет', 'Низкая скорость', 'Обещанный платёж', 'Смена тарифа', 'Настройка роутера', 'Переезд'];
const TEXT = 'Попросите абонента перезагрузить роутер: выключить питание на 30 секунд и включить снова. Проверьте баланс лицевого счёта и статус порта на коммутаторе. ';

function pages(): string[] {
  const out: string[] = [];
  for (let p = 0; p < ARTICLES / PAGE; p++) {
    const changes = Array.from({ length: PAGE }, (_, k) => {
      const i = p * PAGE + k + 1;
      const id = `a0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const data = {
        id,
        category: 'technical',
        title: `${TOPICS[i % TOPICS.length]} (№${i})`,
        body: TEXT.repeat(8 + (i % 8)),
        tags: ['роутер', 'скорость'],
        updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      };
      return { op: 'upsert', entity: 'article', id, version: String(i), data };
    });
    out.push(JSON.stringify({ changes, next: String((p + 1) * PAGE), hasMore: p + 1 < ARTICLES / PAGE, remaining: ARTICLES - (p + 1) * PAGE }));
  }
  return out;
}

async function timed(fn: () => Promise<void> | void): Promise<{ ms: number; maxStallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  h.disable();
  return { ms, maxStallMs: h.max / 1e6 };
}

export async function replicaApply(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pult-bench-replica-'));
  const bodies = pages();
  try {
    const db = await openReplica({ path: join(dir, 'replica.sqlite') });
    let after = '0';
    const worker = await timed(async () => {
      for (const body of bodies) after = (await db.applyPullPage({ after, body })).next;
    });
    if ((await db.countRows('article')) !== ARTICLES) throw new Error('not every article arrived');
    await db.close();

    const bare = new Database(join(dir, 'bare.sqlite'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = NORMAL');
    bare.exec('CREATE TABLE article (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL) STRICT');
    const insert = bare.prepare('INSERT INTO article (id, version, data) VALUES (?, ?, ?)');
    const page = bare.transaction((changes: Array<{ id: string; version: string; data: unknown }>) => {
      for (const c of changes) insert.run(c.id, BigInt(c.version), JSON.stringify(c.data));
    });
    const inProcess = await timed(async () => {
      for (const body of bodies) {
        page((JSON.parse(body) as { changes: Array<{ id: string; version: string; data: unknown }> }).changes);
        await new Promise((r) => setImmediate(r)); // yields between pages, as a careful caller would
      }
    });
    bare.close();

    return [
      {
        scenario: `First sync of ${ARTICLES} articles, pages of ${PAGE}: checked, applied and search-indexed (FTS5, stems, trigrams) in the worker vs bare JSON.parse + INSERT in process`,
        measured: `${fmtOps((ARTICLES / worker.ms) * 1000)} rows, ${fmtMs(worker.ms)} total`,
        baseline: `${fmtOps((ARTICLES / inProcess.ms) * 1000)} rows, ${fmtMs(inProcess.ms)} total`,
        ratio: worker.ms / inProcess.ms,
        of: 'total time',
      },
      {
        scenario: 'Longest main-thread stall during that sync: worker vs in process',
        measured: fmtMs(worker.maxStallMs),
        baseline: fmtMs(inProcess.maxStallMs),
        ratio: worker.maxStallMs / inProcess.maxStallMs,
        of: 'max event-loop delay',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const r of await replicaApply()) console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio:    ${r.ratio.toFixed(2)}× (${r.of})`);
}
