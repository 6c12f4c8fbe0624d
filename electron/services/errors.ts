// A service failure the renderer should see as a PultError code (not "internal").
import type { ErrorCode, PultError } from '../../contract/errors.ts';

export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.field = field;
  }

  toPultError(): PultError {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}
