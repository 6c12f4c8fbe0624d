// The error every failed call rejects with, whichever host answered: the contract's PultError code
// and field, plus two codes that only the page itself can observe (the host connection dropped, or a
// call waited too long for it).
import { ErrorCode, PultError } from '../../../contract/errors.ts';

export const CLIENT_ERROR_CODES = ['host_disconnected', 'timeout'] as const;
export type ClientErrorCode = ErrorCode | (typeof CLIENT_ERROR_CODES)[number];

/** Electron's contextBridge keeps only an Error's message, so preload writes the PultError into it after this prefix. */
export const PULT_ERROR_PREFIX = 'PultError ';

export class PultCallError extends Error {
  readonly code: ClientErrorCode;
  readonly field: string | undefined;

  constructor(code: ClientErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'PultCallError';
    this.code = code;
    this.field = field;
  }

  static from(error: PultError): PultCallError {
    return new PultCallError(error.code, error.message, error.field);
  }
}

/** Reads any rejection (ours, preload's PultError, a plain Error) back into a PultCallError. */
export function toPultCallError(e: unknown): PultCallError {
  if (e instanceof PultCallError) return e;
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; message?: unknown; field?: unknown };
    const code = ErrorCode.safeParse(o.code);
    if (code.success) return new PultCallError(code.data, String(o.message ?? ''), typeof o.field === 'string' ? o.field : undefined);
    if (typeof o.message === 'string') {
      const at = o.message.indexOf(PULT_ERROR_PREFIX);
      if (at >= 0) {
        try {
          const parsed = PultError.safeParse(JSON.parse(o.message.slice(at + PULT_ERROR_PREFIX.length)));
          if (parsed.success) return PultCallError.from(parsed.data);
        } catch {
          // not JSON after the prefix: fall through
        }
      }
      return new PultCallError('internal', o.message);
    }
  }
  return new PultCallError('internal', String(e));
}
