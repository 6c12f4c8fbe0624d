// A sync failure: a PultError code the UI words, plus whether trying again can help. `never` is for
// answers that will not change by retrying (our protocol is refused, the token is not accepted):
// the engine stops and says why instead of looping.
import type { ErrorCode } from '../../../contract/errors.ts';
import { ServiceError } from '../errors.ts';

export type Retry = 'backoff' | 'never';

export class SyncError extends ServiceError {
  readonly retry: Retry;
  /** The server asked us to wait this long (429 Retry-After). */
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, retry: Retry = 'backoff', retryAfterMs?: number, field?: string) {
    super(code, message, field);
    this.name = 'SyncError';
    this.retry = retry;
    this.retryAfterMs = retryAfterMs;
  }
}
