// Merging the FTS tables' segments after a burst of indexing (a first sync, a re-index). FTS5
// writes each transaction's inserts as a segment of its own and merges them only a few at a time
// (automerge), so after a first sync in pages a term's posting list is spread over a dozen
// segments, and every search merges them as it reads: counting a common word's matches then costs
// up to twice what it does over one segment. Merging is a bounded amount of work per step, so a
// caller can spread it out between other work. Not worth it after a few edits: merging the small
// new segments into the big one rewrites the whole index.
import type { Db } from './db.ts';
import { statement } from './statements.ts';

/**
 * Pages of merged output per table and step: some tens of milliseconds. (Much smaller steps spend
 * most of their work restarting the merge: 200 pages hardly got anywhere.)
 */
const STEP_PAGES = 1000;

/** One step of merging; true while there is more to merge. */
export function tidyStep(db: Db): boolean {
  const changes = statement<[], number>(db, 'SELECT total_changes()').pluck();
  let more = false;
  for (const table of ['kb_fts', 'kb_head']) {
    const before = changes.get()!;
    // A negative budget merges across levels, towards one segment (FTS5's 'merge' command).
    db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', -${STEP_PAGES})`);
    // A command that merged nothing counts as fewer than two changes.
    if (changes.get()! - before >= 2) more = true;
  }
  return more;
}

/** Merges until nothing is left to merge. */
export function tidyIndex(db: Db): void {
  while (tidyStep(db));
}
