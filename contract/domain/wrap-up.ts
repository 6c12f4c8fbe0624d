// Wrap-up codes: what the request was about, picked after a call or a conversation. The category is
// the request category (the knowledge base's); the code narrows it, so the quality manager can count
// "mistaken payments" rather than just "financial". Results are a closed list the UI translates.
import { z } from 'zod';
import { ArticleCategory } from './article.ts';

export const WrapUpCode = z.object({
  id: z.string().regex(/^[a-z0-9.-]{1,64}$/),
  category: ArticleCategory,
  /** In Russian, as the contact center names it. */
  name: z.string().min(1).max(200),
  /** Order within the category. */
  sort: z.number().int().min(0).max(10_000),
  /** Retired codes stay for old conversations but are not offered. */
  active: z.boolean(),
});
export type WrapUpCode = z.infer<typeof WrapUpCode>;

export const WRAP_UP_RESULTS = ['resolved', 'info_given', 'ticket_created', 'callback_needed', 'transferred', 'refused'] as const;
export const WrapUpResult = z.enum(WRAP_UP_RESULTS);
export type WrapUpResult = z.infer<typeof WrapUpResult>;

/** How a call was closed, kept on the call (call history, the quality manager's counts). */
export const CallWrapUp = z.object({
  codeId: WrapUpCode.shape.id,
  category: ArticleCategory,
  result: WrapUpResult,
  note: z.string().max(2000),
  at: z.iso.datetime({ offset: true }),
});
export type CallWrapUp = z.infer<typeof CallWrapUp>;
