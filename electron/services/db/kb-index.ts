// Keeps the knowledge-base search index (electron/services/kb) in step with the replica's article
// table: created (or rebuilt after a change of the index's format) when the replica opens, updated
// in the same transaction as each pull page, emptied when the replica starts over. After a burst of
// changes (a first sync) and a quiet moment, the index is merged in small steps (kb/tidy.ts).
import type { Article } from '../../../contract/domain/article.ts';
import { KbSearchInput } from '../../../contract/kb.ts';
import type { Change } from '../../../contract/sync.ts';
import {
  createKbIndex,
  indexArticles,
  prepareArticles,
  removeArticles,
  searchArticles,
  tidyStep,
  writeArticles,
  type KbSearchResult,
  type PreparedArticles,
} from '../kb/index.ts';
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
  /**
   * The same for articles already prepared (kb/index-articles.ts): the latest state of each
   * article the page changed — `upserts` written, `deletes` (ids) removed; no id in both.
   */
  applyPrepared(upserts: PreparedArticles, deletes: readonly string[]): void;
  /**
   * A pull page was applied, with or without articles: the burst goes on, and merging waits for
   * the quiet after it (a first sync's customers and messages would otherwise wait for the merge).
   */
  pageApplied(): void;
  clear(): void;
  search(input: KbSearchInput): KbSearchResult;
}

export function openKbIndex(db: Db, tidyOptions: TidyOptions = TIDY): KbIndex {
  const allArticles = () => (db.prepare('SELECT data FROM article').pluck().all() as string[]).map((d) => JSON.parse(d) as Article);
  const tidy = tidyAfterBursts(db, tidyOptions);
  if (createKbIndex(db).needsReindex) tidy.changed(indexArticles(db, allArticles()));
  const indexedIds = db.prepare('SELECT article_id FROM kb_doc').pluck();

  const applyPrepared = (upserts: PreparedArticles, deletes: readonly string[]) => {
    if (deletes.length) removeArticles(db, deletes);
    if (upserts.articles.length) writeArticles(db, upserts);
    tidy.changed(upserts.articles.length + deletes.length);
  };

  return {
    applyChanges(changes) {
      // The last change of each article decides (an upsert then a tombstone of one id: gone).
      const last = new Map<string, Change>();
      for (const c of changes) if (c.entity === 'article') last.set(c.id, c);
      const all = [...last.values()];
      const upserts = all.flatMap((c) => (c.op === 'upsert' ? [c.data as Article] : []));
      applyPrepared(prepareArticles(upserts), all.filter((c) => c.op === 'delete').map((c) => c.id));
    },
    applyPrepared,
    pageApplied: () => tidy.busy(),
    clear: () => void removeArticles(db, indexedIds.all() as string[]),
    search: (input) => searchArticles(db, input.query, input),
  };
}

/**
 * Counts changed articles; once `afterChanges` have changed, merges the index step by step from
 * `quietMs` after the last change (or the last pull page, busy()), yielding to the worker's other
 * calls between steps. Runs outside any transaction (timers fire between the worker's synchronous
 * calls).
 */
function tidyAfterBursts(db: Db, { afterChanges, quietMs }: TidyOptions): { changed(n: number): void; busy(): void } {
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
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(step, quietMs).unref();
  };
  return {
    changed(n) {
      if (n === 0) return;
      changed += n;
      if (changed >= afterChanges) later();
    },
    busy() {
      if (changed >= afterChanges) later();
    },
  };
}
