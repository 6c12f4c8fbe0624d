// Comparing a secret a caller sent with ours without leaking, through timing, how much matched.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Equal strings? Both are hashed first, so their lengths do not show either. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
