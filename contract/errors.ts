// Errors that cross a boundary. The renderer turns `code` into words (ru/en); `message` is for logs.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input', // a field failed its schema; `field` names it
  'unknown_method',
  'payload_too_large',
  'wrong_credentials',
  'rate_limited',
  'server_unreachable',
  'incompatible_server',
  'not_authenticated',
  'forbidden',
  'not_found',
  'config_invalid',
  'conflict', // the change was made on data someone else changed first
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const PultError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Dotted path of the offending field, e.g. "input.serverUrl". */
  field: z.string().optional(),
});
export type PultError = z.infer<typeof PultError>;

/** Turns a zod error into a PultError whose `field` is the first offending path. */
export function fromZodError(error: z.ZodError, prefix: string): PultError {
  const issue = error.issues[0];
  const keys = issue && issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [prefix, ...(issue?.path ?? []).map(String), ...keys.slice(0, 1)].filter(Boolean).join('.');
  return {
    code: 'invalid_input',
    field: path,
    message: `${path}: ${issue?.message ?? 'invalid'}`,
  };
}
