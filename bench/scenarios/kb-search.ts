// Offline knowledge-base search on the operator's PC, at the scale of a grown knowledge base:
// 50 000 generated articles (bench/lib/kb-corpus.ts: variants of the 312 seed articles) indexed in
// pages of 500, as a first sync writes them, against a plain INSERT of the same rows; then searched
// with operator queries (word forms, a word typed letter by letter; then typos and a word fragment,
// which need the fallbacks), with snippets, as the app calls it — against the naive scan a first
// version would do (kb-like.ts), on the same articles in the same run. The search runs on the
// index as the replica leaves it a few seconds after a sync (merged, kb/tidy.ts); the first row
// says what merging costs and the search before it. Relevance is measured on the seed articles
// (kb-relevance.ts). Run alone: node bench/run.ts kb-search
import Database from 'better-sqlite3';
import { createKbIndex, indexArticles, searchArticles, tidyIndex } from '../../electron/services/kb/index.ts';
import { generatedArticles } from '../lib/kb-corpus.ts';
import { fmtMs, fmtOps, measure, type Row, type Sample } from '../lib/timing.ts';
import { insertPlain, likeSearch } from './kb-like.ts';
import { kbRelevance } from './kb-relevance.ts';

const ARTICLES = 50_000;
const PAGE = 500;
/** Runs of each query: the index's p95 needs many; the scan takes a fifth of a second a run. */
const RUNS = 30;
const LIKE_RUNS = 2;

const QUERIES = [
  'не работает интернет', 'оплатить картой', 'обещанный платёж', 'пароль от вайфая', 'роутер tp-link',
  'смена тарифа', 'переезд на новый адрес', 'ошибка 651', 'возврат денег', 'статический ip',
  'родительский контроль', 'двойное списание', 'подключить автоплатеж', 'низкая скорость по wi-fi',
  'сброс mac', 'о', 'об', 'обе', 'обещ', 'обеща', 'обещан', // typed letter by letter
];
const TYPOS = ['раутер', 'перезагрузкка', 'абанентская плата', 'блакировка', 'config'];

/** Each query `runs` times in turn (warm-up: one round). */
async function perQuery(queries: readonly string[], runs: number, search: (q: string) => unknown): Promise<Sample> {
  let i = 0;
  return measure(queries.length * runs, () => search(queries[i++ % queries.length]!), queries.length);
}

const times = (s: Sample) => `p50 ${fmtMs(s.p50Ms)}, p95 ${fmtMs(s.p95Ms)}`;
const faster = (kb: Sample, like: Sample) => `${Math.round(like.p50Ms / kb.p50Ms)}× faster at p50, ${Math.round(like.p95Ms / kb.p95Ms)}× at p95`;

export async function kbSearch(): Promise<Row[]> {
  const articles = generatedArticles(ARTICLES);
  const db = new Database(':memory:');
  try {
    const plainMs = insertPlain(db, articles);
    createKbIndex(db);
    const t = performance.now();
    for (let i = 0; i < articles.length; i += PAGE) indexArticles(db, articles.slice(i, i + PAGE));
    const indexMs = performance.now() - t;

    const untidy = await perQuery(QUERIES, 5, (q) => searchArticles(db, q));
    const m = performance.now();
    tidyIndex(db);
    const tidyMs = performance.now() - m;

    const kb = await perQuery(QUERIES, RUNS, (q) => searchArticles(db, q));
    const fuzzy = await perQuery(TYPOS, RUNS, (q) => {
      const r = searchArticles(db, q);
      if (!r.usedFallback || r.total === 0) throw new Error(`«${q}» was expected to be found by a fallback`);
    });
    const naive = likeSearch(db);
    const like = await perQuery(QUERIES, LIKE_RUNS, (q) => naive(q));
    const likeTypos = await perQuery(TYPOS, LIKE_RUNS, (q) => naive(q));

    const n = articles.length.toLocaleString('en-US');
    const perArticle = (ms: number) => `${fmtMs(ms / articles.length)} an article (${fmtOps((articles.length / ms) * 1000)})`;
    return [
      {
        scenario: `Index ${n} articles in pages of ${PAGE} (Markdown, stems, FTS5, vocabulary) vs plain INSERT of the same rows`,
        measured: `${perArticle(indexMs)}, ${fmtMs(indexMs)} total; then merging the index ${fmtMs(tidyMs)}`,
        baseline: perArticle(plainMs),
        ratio: indexMs / plainMs,
        of: 'time per article',
      },
      {
        scenario: `KB search over ${n} articles, ${QUERIES.length} operator queries, with snippets: stemmed FTS5 vs LIKE scan`,
        measured: `${times(kb)} (${faster(kb, like)}); before the merge ${times(untidy)}`,
        baseline: times(like),
        ratio: kb.p95Ms / like.p95Ms,
        of: 'p95 time per query',
      },
      {
        scenario: `KB search with typos and a fragment (spelling/substring fallback) over ${n} articles vs LIKE scan`,
        measured: `${times(fuzzy)} (${faster(fuzzy, likeTypos)})`,
        baseline: times(likeTypos),
        ratio: fuzzy.p95Ms / likeTypos.p95Ms,
        of: 'p95 time per query',
      },
      kbRelevance(),
    ];
  } finally {
    db.close();
  }
}
