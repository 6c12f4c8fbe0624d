// Offline knowledge-base search on the operator's PC: the 312 generated articles ×10 (3 120, new
// ids) in an in-memory SQLite, searched with operator queries (word forms, a word typed letter by
// letter; then typos and a word fragment, which need the substring or spelling fallback) — against
// the naive scan a first version would do, `LIKE '%word%'` on title, body and tags, measured on
// the same articles in the same run.
// The baseline finds less (no stemming; LIKE folds case only for ASCII, so «Оплата» ≠ «оплата»),
// so its time is a lower bound for what it would cost to be as useful.
import Database from 'better-sqlite3';
import type { Article } from '../../contract/domain/article.ts';
import { createKbIndex, indexArticles, searchArticles } from '../../electron/services/kb/index.ts';
import { generateSeedData } from '../../server/src/seed/generate.ts';
import { fmtMs, measure, type Row } from '../lib/timing.ts';

const COPIES = 10;

const QUERIES = [
  'не работает интернет', 'оплатить картой', 'обещанный платёж', 'пароль от вайфая', 'роутер tp-link',
  'смена тарифа', 'переезд на новый адрес', 'ошибка 651', 'возврат денег', 'статический ip',
  'родительский контроль', 'двойное списание', 'подключить автоплатеж', 'низкая скорость по wi-fi',
  'сброс mac', 'о', 'об', 'обе', 'обещ', 'обеща', 'обещан', // typed letter by letter
];
const TYPOS = ['раутер', 'перезагрузкка', 'абанентская плата', 'блакировка', 'config'];

function corpus(): Article[] {
  const base = generateSeedData({ seed: 1, customers: 0, now: new Date('2026-11-01T00:00:00Z') }).articles;
  return Array.from({ length: COPIES }, (_, copy) =>
    base.map((a) => ({ ...a, id: `${copy.toString(16).padStart(8, '0')}${a.id.slice(8)}` })),
  ).flat();
}

/** The naive search: every word as a substring of title, body or tags; title matches first. */
function likeSearch(db: Database.Database) {
  return (query: string) => {
    const words = query.split(/\s+/).filter(Boolean).slice(0, 8);
    if (words.length === 0) return [];
    const where = words.map(() => '(title LIKE ? OR body LIKE ? OR tags LIKE ?)').join(' AND ');
    const args = words.flatMap((w) => Array<string>(3).fill(`%${w}%`));
    return db
      .prepare(`SELECT id, title FROM article WHERE ${where} ORDER BY (title LIKE ?) DESC, title LIMIT 20`)
      .all(...args, `%${words[0]}%`);
  };
}

export async function kbSearch(): Promise<Row[]> {
  const articles = corpus();
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE article (id TEXT PRIMARY KEY, category TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO article VALUES (?, ?, ?, ?, ?)');
    let t = performance.now();
    db.transaction(() => articles.forEach((a) => insert.run(a.id, a.category, a.title, a.body, a.tags.join(', '))))();
    const plainInsertMs = performance.now() - t;
    createKbIndex(db);
    t = performance.now();
    indexArticles(db, articles);
    const indexMs = performance.now() - t;

    let i = 0;
    const kb = await measure(QUERIES.length * 50, () => searchArticles(db, QUERIES[i++ % QUERIES.length]!));
    const naive = likeSearch(db);
    let j = 0;
    const like = await measure(400, () => naive(QUERIES[j++ % QUERIES.length]!), 20);

    let k = 0;
    const fuzzy = await measure(400, () => {
      const r = searchArticles(db, TYPOS[k++ % TYPOS.length]!);
      if (!r.usedFallback || r.total === 0) throw new Error(`«${TYPOS[(k - 1) % TYPOS.length]}» was expected to be found by a fallback`);
    }, 20);
    let m = 0;
    const likeTypos = await measure(400, () => naive(TYPOS[m++ % TYPOS.length]!), 20);

    const n = articles.length.toLocaleString('en-US');
    return [
      {
        scenario: `KB search over ${n} articles, ${QUERIES.length} operator queries: stemmed FTS5 + snippets vs LIKE scan`,
        measured: `p50 ${fmtMs(kb.p50Ms)}, p95 ${fmtMs(kb.p95Ms)}`,
        baseline: `p50 ${fmtMs(like.p50Ms)}, p95 ${fmtMs(like.p95Ms)}`,
        ratio: kb.p50Ms / like.p50Ms,
        of: 'p50 time per query',
      },
      {
        scenario: `KB search with typos and a fragment (substring/spelling fallback) over ${n} articles vs LIKE scan`,
        measured: `p50 ${fmtMs(fuzzy.p50Ms)}, p95 ${fmtMs(fuzzy.p95Ms)}`,
        baseline: `p50 ${fmtMs(likeTypos.p50Ms)}, p95 ${fmtMs(likeTypos.p95Ms)}`,
        ratio: fuzzy.p50Ms / likeTypos.p50Ms,
        of: 'p50 time per query',
      },
      {
        scenario: `Index ${n} articles (Markdown, stems, trigrams) vs plain INSERT of the same rows`,
        measured: fmtMs(indexMs),
        baseline: fmtMs(plainInsertMs),
        ratio: indexMs / plainInsertMs,
        of: 'total time',
      },
    ];
  } finally {
    db.close();
  }
}
