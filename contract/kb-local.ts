// Favourites and recently opened articles: this agent's own, on this PC. They live in the agent's
// replica file (so they work offline) and never go to the server.
import { z } from 'zod';
import { ArticleCategory } from './domain/article.ts';

/** Recently opened articles kept; older ones are forgotten. */
export const KB_RECENT_MAX = 20;
/** Favourites listed (newest first); a star beyond this stays stored but is not listed. */
export const KB_FAVOURITES_MAX = 500;

export const KbSavedArticle = z.object({
  id: z.uuid(),
  title: z.string(),
  category: ArticleCategory,
  /** When it was starred, or last opened. */
  at: z.iso.datetime({ offset: true }),
});
export type KbSavedArticle = z.infer<typeof KbSavedArticle>;

/** Only articles the replica holds: one removed on the server drops out of both lists. */
export const KbSaved = z.object({
  favourites: z.array(KbSavedArticle).max(KB_FAVOURITES_MAX),
  recent: z.array(KbSavedArticle).max(KB_RECENT_MAX),
});
export type KbSaved = z.infer<typeof KbSaved>;

export const KbSetFavouriteInput = z.strictObject({ articleId: z.uuid(), favourite: z.boolean() });
export const KbSetFavouriteResult = z.object({ favourite: z.boolean() });
export const KbMarkOpenedInput = z.strictObject({ articleId: z.uuid() });
