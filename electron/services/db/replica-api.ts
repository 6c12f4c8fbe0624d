// The replica's typed interface (after Signal-Desktop's sql/Interface.ts): what the worker serves
// and the client calls. Each method's arguments have a schema, checked in the worker before the
// call, so nothing malformed reaches SQLite.
import { z } from 'zod';
import { KbImageName } from '../../../contract/kb-images.ts';
import { SyncEntity, SyncVersion, type Mutation, type SyncEntityName } from '../../../contract/sync.ts';
import { ApplyPageInput, type PageResult } from './apply-page.ts';
import { KbSearchInput } from './kb-index.ts';
import { CustomerCardInput, CustomerSearchInput } from './customer-index.ts';
import type { CustomerCard, CustomerHit } from '../../../contract/customers-ipc.ts';
import { ConversationGetInput, type ConversationThread, type RecentConversation } from '../../../contract/conversations-ipc.ts';
import { ReplicaRecentInput } from '../conversations/replica-conversations.ts';
import type { KbSearchResult } from '../kb/index.ts';
import { KbMarkOpenedInput, KbSetFavouriteInput, type KbSaved } from '../../../contract/kb-local.ts';
import { PutImageInput, type StoredImage } from '../kb-images/replica-images.ts';
import { ReplicaAgentInput, ReplicaCallHistoryInput } from '../phone/replica-phone.ts';
import type { CallHistory, TaskListItem } from '../../../contract/phone-ipc.ts';
import type { WrapUpCode } from '../../../contract/domain/wrap-up.ts';
import type { Tariff } from '../../../contract/domain/customer.ts';
import type { ConnectionRequestListItem } from '../../../contract/prospect-ipc.ts';
import { ReplicaConnectionRequestsInput } from '../prospects/replica-prospects.ts';
import { ReplicaInboxListInput } from '../inbox/replica-inbox.ts';
import { InboxArrivalsInput, InboxConversationInput, type InboxArrivals, type InboxCalls, type InboxListResult } from '../../../contract/inbox-ipc.ts';
import { EnqueueInput, SettleInput, type Enqueued, type OutboxEntry, type Settled } from './outbox-store.ts';
import type { ConversationActionsState } from '../../../contract/conversation-actions-ipc.ts';
import { ConversationRef, SaveDraftInput, type QueuedReply, type ReplyDraft } from '../../../contract/composer-ipc.ts';
import type { CannedResponse } from '../../../contract/domain/canned-response.ts';
import { RestoreDraftInput } from '../inbox/drafts.ts';
import { NoteReplyFilesInput } from '../inbox/queued-replies.ts';
import { KeepUploadInput, type WaitingUpload } from '../inbox/waiting-uploads.ts';

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
  /**
   * Applies a page the page checker has checked and prepared (replica-client.ts checkPullPage),
   * with its cursor in one transaction, like applyPullPage.
   */
  applyCheckedPage(input: z.input<typeof ApplyCheckedInput>): PageResult;
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
  /** One conversation with its messages and the notes still queued for it. */
  conversationThread(input: z.input<typeof ConversationGetInput>): ConversationThread | null;
  /** The conversations the replica holds, open ones first, latest first. */
  recentConversations(input: z.input<typeof ReplicaRecentInput>): RecentConversation[];
  /** A cached article picture, or null. */
  getImage(name: string): StoredImage | null;
  putImage(input: z.input<typeof PutImageInput>): void;
  /** Pictures the articles refer to that are not cached yet. */
  missingImages(limit: number): string[];
  /** Stars or unstars an article (this agent's, not synced). */
  kbSetFavourite(input: z.input<typeof KbSetFavouriteInput>): { favourite: boolean };
  /** Remembers an opened article; the last KB_RECENT_MAX are kept. */
  kbMarkOpened(input: z.input<typeof KbMarkOpenedInput>): void;
  /** Favourites and recently opened articles the replica holds, newest first. */
  kbSaved(): KbSaved;
  /** The agent's calls, newest first, with those still in the outbox (phone/replica-phone.ts). */
  callHistory(input: z.input<typeof ReplicaCallHistoryInput>): CallHistory;
  markCallsSeen(): void;
  wrapUpCodes(): WrapUpCode[];
  taskList(input: z.input<typeof ReplicaAgentInput>): TaskListItem[];
  /** The agent's connection requests, newest first, with those still in the outbox (prospects/replica-prospects.ts). */
  connectionRequests(input: z.input<typeof ReplicaConnectionRequestsInput>): ConnectionRequestListItem[];
  tariffCatalogue(): Tariff[];
  /** A window of the Inbox list with the filter's total (inbox/replica-inbox.ts). */
  inboxList(input: z.input<typeof ReplicaInboxListInput>): InboxListResult;
  inboxCalls(input: z.input<typeof InboxConversationInput>): InboxCalls;
  inboxMarkSeen(input: z.input<typeof InboxConversationInput>): void;
  /** New customers' messages worth a desktop notification (inbox/notify-inbox.ts). */
  inboxArrivals(agentId: string, input: z.input<typeof InboxArrivalsInput>): InboxArrivals;
  /** The operators a conversation can be handed to (inbox/replica-assignees.ts). */
  assignees(): ConversationActionsState['assignees'];
  /** The reply composer (inbox/drafts.ts, canned-responses.ts, queued-replies.ts). */
  cannedResponses(): CannedResponse[];
  replyDraft(input: z.input<typeof ConversationRef>): ReplyDraft | null;
  saveReplyDraft(input: z.input<typeof SaveDraftInput>): void;
  restoreReplyDraft(input: z.input<typeof RestoreDraftInput>): ReplyDraft;
  queuedReplies(input: z.input<typeof ConversationRef>): QueuedReply[];
  noteReplyFiles(input: z.input<typeof NoteReplyFilesInput>): void;
  /** Files attached offline, kept until the sync uploads them (inbox/waiting-uploads.ts). */
  keepUpload(input: z.input<typeof KeepUploadInput>): void;
  dueUploads(): string[];
  waitingUpload(id: string): WaitingUpload | null;
  dropUpload(id: string): void;
}

export type ReplicaMethod = keyof ReplicaApi;

const Seq = z.number().int().positive();

export const ApplyCheckedInput = z.strictObject({
  /** The cursor the page was fetched and checked for; must still be the stored one. */
  after: SyncVersion,
  /** The ticket checkPullPage answered with. */
  ticket: z.number().int().nonnegative(),
});
const Id = z.string().min(1).max(64);

export const REPLICA_ARGS = {
  info: z.tuple([]),
  cursor: z.tuple([]),
  clientId: z.tuple([]),
  applyPullPage: z.tuple([ApplyPageInput]),
  applyCheckedPage: z.tuple([ApplyCheckedInput]),
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
  conversationThread: z.tuple([ConversationGetInput]),
  recentConversations: z.tuple([ReplicaRecentInput]),
  getImage: z.tuple([KbImageName]),
  putImage: z.tuple([PutImageInput]),
  missingImages: z.tuple([z.number().int().min(1).max(1000)]),
  kbSetFavourite: z.tuple([KbSetFavouriteInput]),
  kbMarkOpened: z.tuple([KbMarkOpenedInput]),
  kbSaved: z.tuple([]),
  callHistory: z.tuple([ReplicaCallHistoryInput]),
  markCallsSeen: z.tuple([]),
  wrapUpCodes: z.tuple([]),
  taskList: z.tuple([ReplicaAgentInput]),
  connectionRequests: z.tuple([ReplicaConnectionRequestsInput]),
  tariffCatalogue: z.tuple([]),
  inboxList: z.tuple([ReplicaInboxListInput]),
  inboxCalls: z.tuple([InboxConversationInput]),
  inboxMarkSeen: z.tuple([InboxConversationInput]),
  inboxArrivals: z.tuple([z.uuid(), InboxArrivalsInput]),
  assignees: z.tuple([]),
  cannedResponses: z.tuple([]),
  replyDraft: z.tuple([ConversationRef]),
  saveReplyDraft: z.tuple([SaveDraftInput]),
  restoreReplyDraft: z.tuple([RestoreDraftInput]),
  queuedReplies: z.tuple([ConversationRef]),
  noteReplyFiles: z.tuple([NoteReplyFilesInput]),
  keepUpload: z.tuple([KeepUploadInput]),
  dueUploads: z.tuple([]),
  waitingUpload: z.tuple([z.uuid()]),
  dropUpload: z.tuple([z.uuid()]),
} as const satisfies Record<ReplicaMethod, z.ZodType<unknown[]>>;

export const REPLICA_METHODS = Object.keys(REPLICA_ARGS) as ReplicaMethod[];

export function isReplicaMethod(name: unknown): name is ReplicaMethod {
  return typeof name === 'string' && Object.hasOwn(REPLICA_ARGS, name);
}
