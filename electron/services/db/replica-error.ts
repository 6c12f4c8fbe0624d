// An error from the replica, as thrown in the worker and re-thrown by the client in the main
// process (it crosses postMessage as {code, message, field}).
export const REPLICA_ERROR_CODES = [
  'invalid_input', // arguments failed their schema; `field` names the first bad one
  'unknown_method',
  'bad_page', // a pull page failed its checks; nothing was applied
  'cursor_moved', // the page was fetched for another cursor than the stored one; nothing was applied
  'closed', // the replica was closed, or its worker died; open it again
  'open_failed',
  'key_mismatch', // the replica file is encrypted with another key than this computer holds (replica-cipher.ts)
  'internal',
] as const;
export type ReplicaErrorCode = (typeof REPLICA_ERROR_CODES)[number];

export class ReplicaError extends Error {
  readonly code: ReplicaErrorCode;
  readonly field: string | undefined;

  constructor(code: ReplicaErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ReplicaError';
    this.code = code;
    this.field = field;
  }
}
