// Promotions the operators tell customers about (inbound and outbound work): who qualifies, on
// which tariffs, from when to when. The conditions in full are the linked knowledge-base article.
import { z } from 'zod';

/** A calendar day, YYYY-MM-DD: promotions start and end on days, not instants. */
export const CalendarDay = z.iso.date();

export const PROMOTION_AUDIENCES = ['new', 'existing', 'any'] as const;
export const PromotionAudience = z.enum(PROMOTION_AUDIENCES);
export type PromotionAudience = z.infer<typeof PromotionAudience>;

export const Promotion = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/),
    name: z.string().min(1).max(200),
    summary: z.string().min(1).max(2000),
    tags: z.array(z.string().min(1).max(64)).max(20),
    audience: PromotionAudience,
    /** Null: running since before anyone remembers. */
    startsOn: CalendarDay.nullable(),
    /** Null: no end date announced. Inclusive. */
    endsOn: CalendarDay.nullable(),
    /** Tariffs it applies to; empty — any tariff. */
    tariffIds: z.array(z.string().min(1).max(64)).max(50),
    articleId: z.uuid().nullable(),
  })
  .refine((p) => !p.startsOn || !p.endsOn || p.startsOn <= p.endsOn, { message: 'a promotion cannot end before it starts', path: ['endsOn'] });
export type Promotion = z.infer<typeof Promotion>;

export type PromotionPhase = 'upcoming' | 'running' | 'ended';

/** Where a promotion stands on `day` (YYYY-MM-DD, the operator's local day). */
export function promotionPhase(p: Pick<Promotion, 'startsOn' | 'endsOn'>, day: string): PromotionPhase {
  if (p.startsOn && day < p.startsOn) return 'upcoming';
  if (p.endsOn && day > p.endsOn) return 'ended';
  return 'running';
}

/** Whether a customer on `tariffId` may take the promotion (its tariff list; empty means any). */
export function promotionFitsTariff(p: Pick<Promotion, 'tariffIds'>, tariffId: string): boolean {
  return p.tariffIds.length === 0 || p.tariffIds.includes(tariffId);
}

/** The local calendar day, YYYY-MM-DD: a promotion ends at the end of the operator's day. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
