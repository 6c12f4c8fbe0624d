// What the customer views print: phones the way operators dial them, roubles from kopecks.
import { describe, expect, it } from 'vitest';
import { formatMoney, formatPhone } from '../../../renderer/src/features/customers/format.ts';

describe('customer formatting', () => {
  it('prints Russian numbers nationally, others internationally, the unreadable as stored', () => {
    expect(formatPhone('+79161234567')).toBe('8 (916) 123-45-67');
    expect(formatPhone('+74956428585')).toBe('8 (495) 642-85-85');
    expect(formatPhone('+4930123456')).toBe('+49 30 123456');
    expect(formatPhone('not a phone')).toBe('not a phone');
  });

  it('prints kopecks as roubles, debt with a minus', () => {
    expect(formatMoney(-56164, 'ru').replace(/\s/g, ' ')).toBe('-561,64 ₽');
    expect(formatMoney(123456, 'en').replace(/\s/g, ' ')).toBe('₽1,234.56');
  });
});
