// Exponential backoff with full jitter: the n-th retry waits a random time in
// [floor, min(max, base·2^n)] — so a thousand clients that lost the server at the same moment do not
// come back at the same moment — bounded, 1 s → 60 s by default.
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Never less than this, so a retry is never immediate. */
  floorMs?: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, floorMs: 100 };

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 40));
  const r = Math.min(1, Math.max(0, random()));
  return Math.max(policy.floorMs ?? 0, Math.round(r * ceiling));
}

export interface Backoff {
  /** The delay before the next attempt; each call counts one more failure. */
  next(): number;
  /** After a success: the next failure waits about `baseMs` again. */
  reset(): void;
  attempts(): number;
}

export function createBackoff(policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): Backoff {
  let attempt = 0;
  return {
    next: () => backoffDelay(attempt++, policy, random),
    reset: () => void (attempt = 0),
    attempts: () => attempt,
  };
}
