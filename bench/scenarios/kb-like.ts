// The baseline the KB search is measured against: the naive scan a first version would do,
// `LIKE '%word%'` on title, body and tags of a plain article table, every word (AND), title
// matches first. It finds less (no stemming; LIKE folds case only for ASCII, so «Оплата» ≠
// «оплата»), so its time is a lower bound for what it would cost to be as useful.
import type Database from 'better-sqlite3';
import type { Article } from '../../contract/domain/article.ts';

const PAGE = 500;

/** Creates the plain table and inserts `articles` in transactions of PAGE, as pull pages come; returns the milliseconds. */
export function insertPlain(db: Database.Database, articles: readonly Article[]): number {
  db.exec('CREATE TABLE article (id TEXT PRIMARY KEY, category TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO article VALUES (?, ?, ?, ?, ?)');
  const page = db.transaction((rows: readonly Article[]) => {
    for (const a of rows) insert.run(a.id, a.category, a.title, a.body, a.tags.join(', '));
  });
  const t = performance.now();
  for (let i = 0; i < articles.length; i += PAGE) page(articles.slice(i, i + PAGE));
  return performance.now() - t;
}

/** The naive search over that table: up to `limit` titles. */
export function likeSearch(db: Database.Database) {
  return (query: string, limit = 20): string[] => {
    const words = query.split(/[\s,.!?]+/).filter(Boolean).slice(0, 8);
    if (words.length === 0) return [];
    const where = words.map(() => '(title LIKE ? OR body LIKE ? OR tags LIKE ?)').join(' AND ');
    const args = words.flatMap((w) => Array<string>(3).fill(`%${w}%`));
    return db
      .prepare<unknown[], string>(`SELECT title FROM article WHERE ${where} ORDER BY (title LIKE ?) DESC, title LIMIT ?`)
      .pluck()
      .all(...args, `%${words[0]}%`, limit);
  };
}
