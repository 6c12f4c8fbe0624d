// Which promotions the card offers: fitting the customer's tariff, not for new customers only, not
// ended; running first (ending soonest on top), then upcoming. And the contract's own rules.
import { describe, expect, it } from 'vitest';
import { localDay, Promotion, promotionPhase } from '../../../contract/domain/promotion.ts';
import { offersFor } from '../../../electron/services/customers/card-offers.ts';

const promo = (id: string, over: Partial<Promotion> = {}): Promotion =>
  Promotion.parse({ id, name: `Акция ${id}`, summary: 'Условия.', tags: [], audience: 'any', startsOn: null, endsOn: null, tariffIds: [], articleId: null, ...over });

const TODAY = '2026-03-15';

describe('offersFor', () => {
  const all = [
    promo('open-ended'),
    promo('ends-soon', { startsOn: '2026-03-01', endsOn: '2026-03-20' }),
    promo('ends-later', { endsOn: '2026-06-30', tariffIds: ['home-300'] }),
    promo('other-tariff', { tariffIds: ['house-100'] }),
    promo('new-only', { audience: 'new' }),
    promo('ended', { startsOn: '2026-01-01', endsOn: '2026-03-14' }),
    promo('upcoming-late', { startsOn: '2026-05-01' }),
    promo('upcoming-soon', { startsOn: '2026-04-01', endsOn: '2026-04-30', audience: 'existing' }),
  ];

  it('keeps what fits, running by end date, then upcoming by start date', () => {
    expect(offersFor(all, 'home-300', TODAY, 12).map((p) => p.id)).toEqual(['ends-soon', 'ends-later', 'open-ended', 'upcoming-soon', 'upcoming-late']);
  });

  it('a promotion ending today is still offered; tariff lists are honoured', () => {
    expect(offersFor(all, 'house-100', '2026-03-20', 12).map((p) => p.id)).toEqual(['ends-soon', 'open-ended', 'other-tariff', 'upcoming-soon', 'upcoming-late']);
  });

  it('stops at the limit', () => {
    expect(offersFor(all, 'home-300', TODAY, 2).map((p) => p.id)).toEqual(['ends-soon', 'ends-later']);
  });
});

describe('Promotion contract', () => {
  it('refuses an end before the start, and a day that is not a date', () => {
    expect(Promotion.safeParse({ ...promo('x'), startsOn: '2026-05-01', endsOn: '2026-04-30' }).success).toBe(false);
    expect(Promotion.safeParse({ ...promo('x'), endsOn: '2026-02-30' }).success).toBe(false);
    expect(Promotion.safeParse({ ...promo('x'), id: 'Большая акция' }).success).toBe(false);
  });

  it('phases by calendar day, both ends inclusive', () => {
    const p = { startsOn: '2026-03-01', endsOn: '2026-03-31' };
    expect([promotionPhase(p, '2026-02-28'), promotionPhase(p, '2026-03-01'), promotionPhase(p, '2026-03-31'), promotionPhase(p, '2026-04-01')])
      .toEqual(['upcoming', 'running', 'running', 'ended']);
  });

  it('takes the local day, not the UTC one', () => {
    expect(localDay(new Date(2026, 0, 1, 0, 30))).toBe('2026-01-01');
    expect(localDay(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });
});
