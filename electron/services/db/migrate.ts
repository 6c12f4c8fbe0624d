// Brings the replica's schema up to date at open: PRAGMA user_version says which migrations ran;
// the missing ones run in one transaction, so a crash mid-upgrade leaves the old schema intact.
import type { Db } from './open-replica-file.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export interface MigrateResult {
  from: number;
  to: number;
}

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): MigrateResult {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    // A newer Pult upgraded this file; an older one must not write rows it does not understand.
    throw new Error(`the replica has schema ${from}, newer than this Pult knows (${latest}); update Pult`);
  }
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: latest };
}
