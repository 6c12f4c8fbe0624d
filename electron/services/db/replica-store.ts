// The replica's operations on an open database (the worker's side of ReplicaApi): migrations run,
// statements prepared once, every method synchronous — the worker thread is the one that waits.
import { SYNC_ENTITIES, type SyncEntityName } from '../../../contract/sync.ts';
import { createReplicaConversations } from '../conversations/replica-conversations.ts';
import { createReplicaPhone } from '../phone/replica-phone.ts';
import { createReplicaProspects } from '../prospects/replica-prospects.ts';
import { createReplicaInbox } from '../inbox/replica-inbox.ts';
import { createInboxArrivals } from '../inbox/notify-inbox.ts';
import { createReplicaAssignees } from '../inbox/replica-assignees.ts';
import { createReplicaDrafts } from '../inbox/drafts.ts';
import { createReplicaCannedResponses } from '../inbox/canned-responses.ts';
import { createReplicaQueuedReplies } from '../inbox/queued-replies.ts';
import { createReplicaWaitingUploads } from '../inbox/waiting-uploads.ts';
import { createReplicaImages } from '../kb-images/replica-images.ts';
import { createReplicaKbLocal } from '../kb-local/replica-kb-local.ts';
import { createPageApplier } from './apply-page.ts';
import type { CheckedPages } from './checked-pages.ts';
import { openCustomerIndex } from './customer-index.ts';
import { openKbIndex } from './kb-index.ts';
import { migrate } from './migrate.ts';
import type { Db } from './open-replica-file.ts';
import { createOutboxStore } from './outbox-store.ts';
import { createPending } from './pending.ts';
import { ReplicaError } from './replica-error.ts';
import { createReplicaReset } from './reset-replica.ts';
import type { ReplicaApi } from './replica-api.ts';
import { createRows } from './rows.ts';
import { STATE_KEYS, createSyncState } from './sync-state.ts';

/** `checked`: the pages the page checker prepared (worker-host.ts); without it applyCheckedPage finds none. */
export function createReplicaStore(db: Db, checked?: Pick<CheckedPages, 'take'>): ReplicaApi {
  const { to: schemaVersion } = migrate(db);
  const rows = createRows(db);
  const state = createSyncState(db);
  const pending = createPending(db, rows);
  const outbox = createOutboxStore(db, rows, pending);
  const kb = openKbIndex(db);
  const listScripts = db.prepare('SELECT id, title, category FROM script ORDER BY title');
  const customers = openCustomerIndex(db);
  const conversations = createReplicaConversations(db);
  const phone = createReplicaPhone(db);
  const prospects = createReplicaProspects(db);
  const inbox = createReplicaInbox(db);
  const inboxArrivals = createInboxArrivals(db);
  const assignees = createReplicaAssignees(db);
  const drafts = createReplicaDrafts(db);
  const canned = createReplicaCannedResponses(db);
  const queuedReplies = createReplicaQueuedReplies(db);
  const waitingUploads = createReplicaWaitingUploads(db);
  const images = createReplicaImages(db);
  const kbLocal = createReplicaKbLocal(db);
  const applyPage = createPageApplier(db, rows, pending, state, kb, customers);
  const resetRows = createReplicaReset(db, state);
  const reset = db.transaction(() => {
    kb.clear();
    customers.clear();
    return resetRows();
  });
  // Optimistic changes write customer rows too: queued (patched now) and settled (undone when
  // refused); the search index follows them in the same transaction.
  const enqueue = db.transaction((input: Parameters<ReplicaApi['enqueue']>[0]) => {
    const queued = outbox.enqueue(input);
    customers.refresh((input.apply ?? []).filter((p) => p.entity === 'customer').map((p) => p.id));
    return queued;
  });
  const settle = db.transaction((input: Parameters<ReplicaApi['settle']>[0]) => {
    const touched = customers.patchedBy(input.sent);
    const settled = outbox.settle({ sent: input.sent, results: input.results });
    customers.refresh(touched);
    return settled;
  });
  const cursor = () => state.get(STATE_KEYS.cursor) ?? '0';

  return {
    info: () => ({
      schemaVersion,
      cursor: cursor(),
      clientId: state.clientId(),
      firstSyncComplete: state.get(STATE_KEYS.firstSyncComplete) === '1',
      firstSyncRows: Number(state.get(STATE_KEYS.firstSyncRows) ?? 0),
      pagesApplied: Number(state.get(STATE_KEYS.pagesApplied) ?? 0),
      queued: outbox.count(),
      rows: Object.fromEntries(SYNC_ENTITIES.map((e) => [e, rows.count(e)])) as Record<SyncEntityName, number>,
    }),
    cursor,
    clientId: () => state.clientId(),
    applyPullPage: (input) => applyPage.apply({ after: input.after, body: input.body }),
    applyCheckedPage(input) {
      const page = checked?.take(input.ticket);
      if (!page) throw new ReplicaError('invalid_input', `no checked page ${input.ticket} (its checker stopped, or it was taken already)`, 'ticket');
      if (page.after !== input.after) throw new ReplicaError('invalid_input', `checked page ${input.ticket} was fetched after ${page.after}, not ${input.after}`, 'after');
      return applyPage.applyPrepared(page);
    },
    enqueue: (input) => enqueue(input),
    outboxCount: () => outbox.count(),
    listOutbox: () => outbox.list(),
    takeBatch: (limit) => outbox.takeBatch(limit),
    releaseBatch: (seqs) => outbox.release(seqs),
    settle: (input) => settle(input),
    resetReplica: () => reset(),
    getRow(entity, id) {
      const row = rows.get(entity, id);
      return row ? { version: row.version.toString(), data: JSON.parse(row.data) as unknown } : null;
    },
    countRows: (entity) => rows.count(entity),
    searchKb: (input) => kb.search(input),
    listScripts: () => listScripts.all() as Array<{ id: string; title: string; category: string }>,
    searchCustomers: (input) => customers.search(input),
    customerCard: (input) => customers.card(input),
    conversationThread: (input) => conversations.thread(input),
    recentConversations: (input) => conversations.recent(input),
    getImage: (name) => images.get(name),
    putImage: (input) => images.put(input),
    missingImages: (limit) => images.missing(limit),
    kbSetFavourite: (input) => kbLocal.setFavourite(input),
    kbMarkOpened: (input) => kbLocal.markOpened(input),
    kbSaved: () => kbLocal.saved(),
    callHistory: (input) => phone.history(input),
    markCallsSeen: () => phone.markSeen(),
    wrapUpCodes: () => phone.codes(),
    taskList: (input) => phone.tasks(input),
    connectionRequests: (input) => prospects.list(input),
    tariffCatalogue: () => prospects.tariffs(),
    inboxList: (input) => inbox.list(input),
    inboxArrivals: (agentId, input) => inboxArrivals(agentId, input),
    inboxCalls: (input) => inbox.calls(input),
    inboxMarkSeen: (input) => inbox.markSeen(input),
    assignees: () => assignees.list(),
    cannedResponses: () => canned.list(),
    replyDraft: (input) => drafts.get(input),
    saveReplyDraft: (input) => drafts.save(input),
    restoreReplyDraft: (input) => drafts.restoreRejected(input),
    queuedReplies: (input) => queuedReplies.list(input),
    noteReplyFiles: (input) => queuedReplies.noteFiles(input),
    keepUpload: (input) => waitingUploads.keep(input),
    dueUploads: () => waitingUploads.due(),
    waitingUpload: (id) => waitingUploads.get(id),
    dropUpload: (id) => waitingUploads.drop(id),
  };
}
