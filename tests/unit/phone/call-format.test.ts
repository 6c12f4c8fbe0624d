// Numbers and durations as the call views show them.
import { describe, expect, it } from 'vitest';
import { callNumberText, durationText } from '../../../renderer/src/features/phone/call-format.ts';

describe('call format', () => {
  it('shows Russian numbers nationally and extensions as they are', () => {
    expect(callNumberText('+74956428585')).toBe('8 (495) 642-85-85');
    expect(callNumberText('1002')).toBe('1002');
  });
  it('shows durations as m:ss, and h:mm:ss past an hour', () => {
    expect(durationText(0)).toBe('0:00');
    expect(durationText(61_900)).toBe('1:01');
    expect(durationText(3_725_000)).toBe('1:02:05');
    expect(durationText(-5)).toBe('0:00');
  });
});
