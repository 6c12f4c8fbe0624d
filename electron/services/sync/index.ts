// The sync engine's public face for the wiring (compose.ts, IPC): open the replica per server and
// agent, start an engine per signed-in session, forward its status and rejections as events.
export { openReplica, type ReplicaDb, type OpenReplicaOptions } from '../db/replica-client.ts';
export { replicaPathFor } from '../db/replica-path.ts';
export { ReplicaError } from '../db/replica-error.ts';
export type { ReplicaInfo, ReplicaRow } from '../db/replica-api.ts';
export type { RowPatch } from '../db/row-patch.ts';
export { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine.ts';
export type { EnqueueOptions, MutationArgs } from './outbox.ts';
export type { SyncProgress } from './progress.ts';
export { SyncStatus, SyncRejected } from './status.ts';
export { SyncError } from './sync-error.ts';
