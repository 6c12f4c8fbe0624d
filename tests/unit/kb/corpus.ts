// The test corpus: the 312 generated knowledge-base articles, indexed into an in-memory SQLite.
// Generated once per test file; each `indexedCorpus()` call gets its own fresh database.
import Database from 'better-sqlite3';
import type { Article } from '../../../contract/domain/article.ts';
import { createKbIndex, indexArticles, searchArticles, type KbSearchOptions } from '../../../electron/services/kb/index.ts';
import { generateSeedData } from '../../../server/src/seed/generate.ts';

export type Db = Database.Database;

let cached: Article[] | undefined;

export function articles(): Article[] {
  cached ??= generateSeedData({ seed: 1, customers: 0, now: new Date('2026-11-01T00:00:00Z') }).articles;
  return cached;
}

export function emptyIndex(): Db {
  const db = new Database(':memory:');
  createKbIndex(db);
  return db;
}

export function indexedCorpus(): Db {
  const db = emptyIndex();
  indexArticles(db, articles());
  return db;
}

/** An article with defaults, for small hand-made indexes. */
export function article(id: number, fields: Partial<Article>): Article {
  return {
    id: `00000000-0000-4000-8000-${id.toString().padStart(12, '0')}`,
    category: 'technical',
    title: `Статья ${id}`,
    body: 'Текст статьи.',
    tags: [],
    updatedAt: '2026-10-01T00:00:00.000Z',
    ...fields,
  };
}

/** Ids of every hit (up to 100), in rank order. */
export const ids = (db: Db, query: string, opts: KbSearchOptions = {}): string[] =>
  searchArticles(db, query, { limit: 100, ...opts }).hits.map((h) => h.id);

/** The same ids, as a sorted list, for comparing result sets regardless of rank. */
export const idSet = (db: Db, query: string, opts: KbSearchOptions = {}): string[] => ids(db, query, opts).sort();

export const titleOf = (id: string): string => articles().find((a) => a.id === id)!.title;
