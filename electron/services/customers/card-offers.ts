// Which promotions to offer a customer during a call: those for existing customers (or anyone) that
// fit the tariff and have not ended; running ones first, the one ending soonest on top (offer it
// now), then upcoming ones (may be mentioned, not yet enrolled), soonest start first.
import { promotionFitsTariff, promotionPhase, type Promotion } from '../../../contract/domain/promotion.ts';

const FAR = '9999-12-31';

export function offersFor(promotions: readonly Promotion[], tariffId: string, day: string, max: number): Promotion[] {
  const fitting = promotions.filter((p) => p.audience !== 'new' && promotionFitsTariff(p, tariffId));
  const running = fitting.filter((p) => promotionPhase(p, day) === 'running').sort((a, b) => (a.endsOn ?? FAR).localeCompare(b.endsOn ?? FAR) || a.name.localeCompare(b.name, 'ru'));
  const upcoming = fitting.filter((p) => promotionPhase(p, day) === 'upcoming').sort((a, b) => (a.startsOn ?? '').localeCompare(b.startsOn ?? '') || a.name.localeCompare(b.name, 'ru'));
  return [...running, ...upcoming].slice(0, max);
}
