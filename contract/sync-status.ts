// What the client's sync engine tells the UI: the status bar's online / syncing (with progress) /
// offline since HH:MM with queued changes, and changes the server refused.
import { z } from 'zod';
import { PultError } from './errors.ts';
import { MutationNameSchema } from './sync.ts';

export const SyncProgress = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  percent: z.number().int().min(0).max(100),
  etaSeconds: z.number().int().nonnegative().nullable(),
  /** The replica is being filled for the first time: the app shows a screen with the progress. */
  firstSync: z.boolean().optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const SyncStatus = z.object({
  state: z.enum(['online', 'syncing', 'offline']),
  /** When the current state began. */
  since: z.iso.datetime({ offset: true }),
  /** Mutations in the outbox, not yet settled by the server. */
  queued: z.number().int().nonnegative(),
  /** While a pull of more than one page runs (the first sync above all). */
  progress: SyncProgress.optional(),
  /**
   * Why offline. incompatible_server: the server does not speak our protocol ("update Pult");
   * the engine then stops until syncNow(). not_authenticated: sign in again. Others: retried.
   */
  reason: PultError.optional(),
  /**
   * This computer could not decrypt its replica (the key kept by the OS was lost), so the replica
   * was made anew: changes not sent before are gone. Shown beside the first sync's progress.
   */
  replicaRecreated: z.boolean().optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** A queued change the server refused: its optimistic change is undone; show `error`. */
export const SyncRejected = z.object({
  seq: z.number().int().positive(),
  name: MutationNameSchema,
  args: z.unknown(),
  error: PultError,
});
export type SyncRejected = z.infer<typeof SyncRejected>;
