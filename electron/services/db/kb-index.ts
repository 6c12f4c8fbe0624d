// Keeps the knowledge-base search index (electron/services/kb) in step with the replica's article
// table: created (or rebuilt after a change of the index's format) when the replica opens, updated
// in the same transaction as each pull page, emptied when the replica starts over. After a burst of
// changes (a first sync) and a quiet moment, the index is merged in small steps (kb/tidy.ts).
import type { Article } from '../../../contract/domain/article.ts';
import { KbSearchInput } from '../../../contract/kb.ts';
import type { Change } from '../../../contract/sync.ts';
import { createKbIndex, indexArticles, removeArticles, searchArticles, tidyStep, type KbSearchResult } from '../kb/index.ts';
import type { Db } from './open-replica-file.ts';

export interface TidyOptions {
  /** Fewer changed articles leave the merging to FTS5's own, which costs less than a full merge. */
  afterChanges: number;
  /** The burst is over when no article has changed for this long. */
  quietMs: number;
}
const TIDY: TidyOptions = { afterChanges: 2000, quietMs: 3000 };

export { KbSearchInput };
export interface KbIndex {
  /** The article changes of one applied page (call inside its transaction). */
  applyChanges(changes: readonly Change[]): void;
  clear(): void;
  search(input: KbSearchInput): KbSearchResult;
}

export function openKbIndex(db: Db, tidyOptions: TidyOptions = TIDY): KbIndex {
  const allArticles = () => (db.prepare('SELECT data FROM article').pluck().all() as string[]).map((d) => JSON.parse(d) as Article);
  const tidy = tidyAfterBursts(db, tidyOptions);
  if (createKbIndex(db).needsReindex) tidy.changed(indexArticles(db, allArticles()));
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
      tidy.changed(upserts.length + deletes.length);
    },
    clear: () => void removeArticles(db, indexedIds.all() as string[]),
    search: (input) => searchArticles(db, input.query, input),
  };
}

/**
 * Counts changed articles; once `afterChanges` have changed, merges the index step by step from
 * `quietMs` after the last change, yielding to the worker's other calls between steps. Runs
 * outside any transaction (timers fire between the worker's synchronous calls).
 */
function tidyAfterBursts(db: Db, { afterChanges, quietMs }: TidyOptions): { changed(n: number): void } {
  let changed = 0;
  let timer: NodeJS.Timeout | undefined;
  const step = () => {
    if (!db.open) return;
    let more = false;
    try {
      more = tidyStep(db);
    } catch {
      // Busy or closing: the next burst tries again.
    }
    if (more) timer = setTimeout(step, 0).unref();
    else changed = 0;
  };
  return {
    changed(n) {
      if (n === 0) return;
      changed += n;
      if (changed < afterChanges) return;
      clearTimeout(timer);
      timer = setTimeout(step, quietMs).unref();
    },
  };
}
