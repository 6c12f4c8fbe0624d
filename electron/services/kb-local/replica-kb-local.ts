// Favourites and recently opened articles in the replica (the worker's side): starred or opened
// ids with a time, listed with the article's current title and category. An id whose article the
// replica does not hold (yet, or any more) is kept but not listed.
import type { z } from 'zod';
import {
  KB_FAVOURITES_MAX,
  KB_RECENT_MAX,
  type KbMarkOpenedInput,
  type KbSaved,
  type KbSavedArticle,
  type KbSetFavouriteInput,
} from '../../../contract/kb-local.ts';
import type { Db } from '../db/open-replica-file.ts';

export interface ReplicaKbLocal {
  setFavourite(input: z.input<typeof KbSetFavouriteInput>): { favourite: boolean };
  markOpened(input: z.input<typeof KbMarkOpenedInput>): void;
  saved(): KbSaved;
}

export function createReplicaKbLocal(db: Db, now: () => Date = () => new Date()): ReplicaKbLocal {
  // Starring again keeps the first time: the list order does not jump.
  const star = db.prepare('INSERT INTO kb_favourite (article_id, added_at) VALUES (?, ?) ON CONFLICT (article_id) DO NOTHING');
  const unstar = db.prepare('DELETE FROM kb_favourite WHERE article_id = ?');
  const open = db.prepare(
    `INSERT INTO kb_recent (article_id, opened_at, seq) VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM kb_recent))
     ON CONFLICT (article_id) DO UPDATE SET opened_at = excluded.opened_at, seq = excluded.seq`,
  );
  const forget = db.prepare('DELETE FROM kb_recent WHERE article_id NOT IN (SELECT article_id FROM kb_recent ORDER BY seq DESC LIMIT ?)');
  const favourites = db.prepare(
    `SELECT a.id, a.title, a.category, f.added_at AS at FROM kb_favourite f JOIN article a ON a.id = f.article_id
     ORDER BY f.added_at DESC, f.rowid DESC LIMIT ?`,
  );
  const recent = db.prepare(
    `SELECT a.id, a.title, a.category, r.opened_at AS at FROM kb_recent r JOIN article a ON a.id = r.article_id
     ORDER BY r.seq DESC LIMIT ?`,
  );
  const markOpened = db.transaction((articleId: string) => {
    open.run(articleId, now().toISOString());
    forget.run(KB_RECENT_MAX);
  });

  return {
    setFavourite({ articleId, favourite }) {
      if (favourite) star.run(articleId, now().toISOString());
      else unstar.run(articleId);
      return { favourite };
    },
    markOpened: ({ articleId }) => markOpened(articleId),
    saved: () => ({
      favourites: favourites.all(KB_FAVOURITES_MAX) as KbSavedArticle[],
      recent: recent.all(KB_RECENT_MAX) as KbSavedArticle[],
    }),
  };
}
