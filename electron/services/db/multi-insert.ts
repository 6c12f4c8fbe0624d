// INSERT of many rows in a few statements (`VALUES (…), (…), …`) instead of one statement a row:
// a first sync writes hundreds of thousands of rows, and the fixed cost of each run() (the call into
// SQLite, binding, stepping, resetting) was a large share of the replica worker's time for short
// rows such as messages and the customer search index's entries.
import type { Statement } from 'better-sqlite3';
import type { Db } from './open-replica-file.ts';

/** Rows per statement, at most: larger statements gain little and take longer to prepare. */
export const MAX_ROWS_PER_INSERT = 50;

/**
 * `head` up to VALUES (without it), one row's placeholders in `row` (e.g. "(?, ?)"), `tail` after
 * the values (a conflict clause, or ''). The function takes the values of `rows` rows, in order,
 * `rows * placeholders` of them, and inserts them in statements of at most MAX_ROWS_PER_INSERT
 * rows (one statement kept per row count used).
 */
export function multiInsert(db: Db, head: string, row: string, tail: string): (rows: number, values: readonly unknown[]) => void {
  const width = row.split('?').length - 1;
  const statements = new Map<number, Statement>();
  const of = (n: number): Statement => {
    let s = statements.get(n);
    if (!s) statements.set(n, (s = db.prepare(`${head} VALUES ${Array<string>(n).fill(row).join(', ')} ${tail}`)));
    return s;
  };
  return (rows, values) => {
    if (values.length !== rows * width) throw new Error(`multiInsert: ${values.length} values for ${rows} rows of ${width}`);
    for (let at = 0; at < rows; at += MAX_ROWS_PER_INSERT) {
      const n = Math.min(MAX_ROWS_PER_INSERT, rows - at);
      of(n).run(rows === n ? values : values.slice(at * width, (at + n) * width));
    }
  };
}
