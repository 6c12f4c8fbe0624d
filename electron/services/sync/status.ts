// What the sync engine tells the UI: the schemas live in the contract (events 'sync.changed',
// 'sync.rejected'); re-exported here for the engine's modules.
export { SyncRejected, SyncStatus } from '../../../contract/sync-status.ts';
