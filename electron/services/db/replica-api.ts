// The replica's typed interface (after Signal-Desktop's sql/Interface.ts): what the worker serves
// and the client calls. Each method's arguments have a schema, checked in the worker before the
// call, so nothing malformed reaches SQLite.
import { z } from 'zod';
import { SyncEntity, type Mutation, type SyncEntityName } from '../../../contract/sync.ts';
import { ApplyPageInput, type PageResult } from './apply-page.ts';
import { KbSearchInput } from './kb-index.ts';
import { CustomerCardInput, CustomerSearchInput } from './customer-index.ts';
import type { CustomerCard, CustomerHit } from '../../../contract/customers-ipc.ts';
import type { KbSearchResult } from '../kb/index.ts';
import { EnqueueInput, SettleInput, type Enqueued, type OutboxEntry, type Settled } from './outbox-store.ts';

export interface ReplicaInfo {
  schemaVersion: number;
  cursor: string;
  clientId: string;
  firstSyncComplete: boolean;
  firstSyncRows: number;
  pagesApplied: number;
  queued: number;
  rows: Record<SyncEntityName, number>;
}

export interface ReplicaRow {
  version: string;
  data: unknown;
}

export interface ReplicaApi {
  info(): ReplicaInfo;
  /** The feed version to pull after. */
  cursor(): string;
  /** This replica's persistent client id (created on first call). */
  clientId(): string;
  /** Checks and applies one pull page with its cursor in one transaction. */
  applyPullPage(input: z.input<typeof ApplyPageInput>): PageResult;
  /** Queues a mutation (args checked against MUTATION_SCHEMAS) with its optimistic change. */
  enqueue(input: z.input<typeof EnqueueInput>): Enqueued;
  outboxCount(): number;
  listOutbox(): OutboxEntry[];
  /** The oldest pending mutations, now marked sent. */
  takeBatch(limit: number): Mutation[];
  /** Sent but not answered (network failure): pending again, order kept. */
  releaseBatch(seqs: number[]): void;
  /** The server's answers: applied/duplicate removed, rejected removed and undone. */
  settle(input: z.input<typeof SettleInput>): Settled;
  /**
   * Starts over for a replaced server feed: rows and cursor cleared; the outbox kept under a new
   * client id, renumbered from seq 1.
   */
  resetReplica(): { kept: number };
  getRow(entity: SyncEntityName, id: string): ReplicaRow | null;
  countRows(entity: SyncEntityName): number;
  /** The troubleshooting scripts, by title. */
  listScripts(): Array<{ id: string; title: string; category: string }>;
  /** Knowledge-base search (FTS5, Russian and English stemming, typo fallback). */
  searchKb(input: z.input<typeof KbSearchInput>): KbSearchResult;
  /** Customers by name, phone, account number or address (the replica only; no server here). */
  searchCustomers(input: z.input<typeof CustomerSearchInput>): { hits: CustomerHit[] };
  /** A customer's card: the replica's row (or the given server row), catalogues, recent contacts. */
  customerCard(input: z.input<typeof CustomerCardInput>): CustomerCard | null;
}

export type ReplicaMethod = keyof ReplicaApi;

const Seq = z.number().int().positive();
const Id = z.string().min(1).max(64);

export const REPLICA_ARGS = {
  info: z.tuple([]),
  cursor: z.tuple([]),
  clientId: z.tuple([]),
  applyPullPage: z.tuple([ApplyPageInput]),
  enqueue: z.tuple([EnqueueInput]),
  outboxCount: z.tuple([]),
  listOutbox: z.tuple([]),
  takeBatch: z.tuple([z.number().int().min(1)]),
  releaseBatch: z.tuple([z.array(Seq).max(10_000)]),
  settle: z.tuple([SettleInput]),
  resetReplica: z.tuple([]),
  getRow: z.tuple([SyncEntity, Id]),
  countRows: z.tuple([SyncEntity]),
  searchKb: z.tuple([KbSearchInput]),
  listScripts: z.tuple([]),
  searchCustomers: z.tuple([CustomerSearchInput]),
  customerCard: z.tuple([CustomerCardInput]),
} as const satisfies Record<ReplicaMethod, z.ZodType<unknown[]>>;

export const REPLICA_METHODS = Object.keys(REPLICA_ARGS) as ReplicaMethod[];

export function isReplicaMethod(name: unknown): name is ReplicaMethod {
  return typeof name === 'string' && Object.hasOwn(REPLICA_ARGS, name);
}
