// The messages between the replica client (main process) and its worker. Both sides check every
// message against these schemas; a call is correlated with its answer by `id`.
import { MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { REPLICA_ERROR_CODES } from './replica-error.ts';

export const WorkerData = z.strictObject({
  path: z.string().min(1),
  busyTimeoutMs: z.number().int().min(0).max(600_000).optional(),
  /** The encryption key (replica-cipher.ts); without it the file is plain (tests, tools). */
  key: z.custom<Uint8Array>((k) => k instanceof Uint8Array && k.length === 32, 'a 32-byte key').optional(),
});
export type WorkerData = z.infer<typeof WorkerData>;

const CallId = z.number().int().nonnegative();

export const WorkerRequest = z.strictObject({
  id: CallId,
  method: z.string().min(1).max(64),
  args: z.array(z.unknown()).max(16),
});
export type WorkerRequest = z.infer<typeof WorkerRequest>;

export const WireError = z.strictObject({
  code: z.enum(REPLICA_ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
});
export type WireError = z.infer<typeof WireError>;

export const WorkerMessage = z.union([
  z.strictObject({ type: z.literal('ready'), schemaVersion: z.number().int() }),
  z.strictObject({ type: z.literal('open_failed'), error: WireError }),
  z.strictObject({ type: z.literal('result'), id: CallId, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ type: z.literal('result'), id: CallId, ok: z.literal(false), error: WireError }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessage>;

/** Handled by the worker host itself: closes the database before the thread ends. */
export const CLOSE_METHOD = '__close';

/** Handled by the worker host itself: args [port], the worker's end of a new page checker's channel. */
export const CHECKER_METHOD = '__checker';

/** The page checker's workerData (page-checker.ts): its end of the channel to the worker. */
export const CHECKER_ROLE = 'page-checker';
export const CheckerData = z.strictObject({
  role: z.literal(CHECKER_ROLE),
  port: z.instanceof(MessagePort),
  /** The replica's file, whose log the checker copies back between pages (wal-checkpointer.ts). */
  checkpoint: WorkerData.pick({ path: true, key: true }).optional(),
});
