// Keeps the knowledge-base search index (electron/services/kb) in step with the replica's article
// table: created (or rebuilt after a change of the index's format) when the replica opens, updated
// in the same transaction as each pull page, emptied when the replica starts over.
import type { Article } from '../../../contract/domain/article.ts';
import { KbSearchInput } from '../../../contract/kb.ts';
import type { Change } from '../../../contract/sync.ts';
import { createKbIndex, indexArticles, removeArticles, searchArticles, type KbSearchResult } from '../kb/index.ts';
import type { Db } from './open-replica-file.ts';

export { KbSearchInput };
export interface KbIndex {
  /** The article changes of one applied page (call inside its transaction). */
  applyChanges(changes: readonly Change[]): void;
  clear(): void;
  search(input: KbSearchInput): KbSearchResult;
}

export function openKbIndex(db: Db): KbIndex {
  const allArticles = () => (db.prepare('SELECT data FROM article').pluck().all() as string[]).map((d) => JSON.parse(d) as Article);
  if (createKbIndex(db).needsReindex) indexArticles(db, allArticles());
  const indexedIds = db.prepare('SELECT article_id FROM kb_doc').pluck();

  return {
    applyChanges(changes) {
      const upserts: Article[] = [];
      const deletes: string[] = [];
      for (const c of changes) {
        if (c.entity !== 'article') continue;
        if (c.op === 'upsert') upserts.push(c.data as Article);
        else deletes.push(c.id);
      }
      if (deletes.length) removeArticles(db, deletes);
      if (upserts.length) indexArticles(db, upserts);
    },
    clear: () => void removeArticles(db, indexedIds.all() as string[]),
    search: (input) => searchArticles(db, input.query, input),
  };
}
