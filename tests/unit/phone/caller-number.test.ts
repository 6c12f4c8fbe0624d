// The caller's SIP user part in whatever form the PBX sends it is filed as E.164 (extensions kept).
import { describe, expect, it } from 'vitest';
import { callerNumber, isPhoneNumber } from '../../../renderer/src/features/phone/caller-number.ts';

describe('callerNumber', () => {
  it.each([
    ['+79161234567', '+79161234567'],
    ['89161234567', '+79161234567'],
    ['79161234567', '+79161234567'],
    ['84956428585', '+74956428585'],
    ['1002', '1002'],
    ['anonymous', 'anonymous'],
  ])('%s → %s', (user, number) => {
    expect(callerNumber(user)).toBe(number);
  });

  it('looks up only phone numbers, not extensions', () => {
    expect(isPhoneNumber('+79161234567')).toBe(true);
    expect(isPhoneNumber('1002')).toBe(false);
    expect(isPhoneNumber('anonymous')).toBe(false);
  });
});
