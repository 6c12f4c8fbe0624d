// A mutation the server will not apply, with the reason the client shows when it rolls back its
// optimistic change. Thrown inside the mutation's transaction; push.ts records it as `rejected`.
import type { ErrorCode, PultError } from '../../../../contract/index.ts';

export class MutationRefused extends Error {
  readonly error: PultError;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.error = { code, message, ...(field ? { field } : {}) };
  }
}
