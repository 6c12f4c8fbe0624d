// Knowledge-base articles the operators read during calls.
import { z } from 'zod';

export const ARTICLE_CATEGORIES = ['financial', 'administrative', 'technical', 'promotions', 'extra_services', 'connection'] as const;
export const ArticleCategory = z.enum(ARTICLE_CATEGORIES);
export type ArticleCategory = z.infer<typeof ArticleCategory>;

export const Article = z.object({
  id: z.uuid(),
  category: ArticleCategory,
  title: z.string().min(1).max(300),
  /** Markdown. Rendered sanitised. */
  body: z.string().min(1).max(200_000),
  tags: z.array(z.string().min(1).max(64)).max(30),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Article = z.infer<typeof Article>;
