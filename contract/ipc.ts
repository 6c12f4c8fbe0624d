// Every call and event between the renderer and the main process (Electron or browser host).
// The router validates input and output of each call against these schemas; types are inferred.
import { z } from 'zod';
import { PultError } from './errors.ts';
import { EffectiveConfig, HttpUrl, PHONE_HOTKEY_ACTIONS, Settings, SettingsPatch } from './config.ts';
import { AgentWithSite } from './server-api.ts';
import { SyncRejected, SyncStatus } from './sync-status.ts';
import { MUTATION_SCHEMAS } from './sync.ts';
import { KbArticle, KbArticleInput, KbSearchInput, KbSearchResult, ScriptInput, ScriptList, ScriptOrNull } from './kb.ts';
import { CustomerGetInput, CustomerGetResult, CustomerSearchInput, CustomerSearchResult } from './customers-ipc.ts';
import { AddNoteInput, AddNoteResult, ConversationGetInput, ConversationGetResult, RecentConversations, RecentConversationsInput } from './conversations-ipc.ts';
import { KbImageInput, KbImageResult } from './kb-images.ts';
import { ArticleSaved, ArticleVersionsResponse, FeedbackSummary, FeedbackSummaryQuery, KbHistoryInput, KbSaveArticleInput } from './kb-editing.ts';
import { KbMarkOpenedInput, KbSaved, KbSetFavouriteInput, KbSetFavouriteResult } from './kb-local.ts';
import {
  AgentSetStateInput, AgentSetStateResult, AgentStateNow, CallHistory, CallHistoryInput, CallLogInput, CallWrapUpInput, PhoneAccount, PhonePassword,
  PhoneSaveAccountInput, Queued, TaskCompleteInput, TaskList, WrapUpCodes,
} from './phone-ipc.ts';
import { PROSPECT_METHODS } from './prospect-ipc.ts';
import { INBOX_METHODS } from './inbox-ipc.ts';
import { CloseNoticeInput, IncomingCallNotice, NoticeAction, NoticeShown } from './notify-ipc.ts';

/** No call carries more than this much JSON; larger ones are refused before parsing. */
export const MAX_CALL_BYTES = 1_000_000;

const Empty = z.strictObject({});

export const AppInfo = z.object({
  name: z.literal('Pult'),
  version: z.string(),
  build: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'browser']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SessionInfo = z.object({
  serverUrl: HttpUrl,
  serverVersion: z.string(),
  agent: AgentWithSite,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ConnectionStatus = z.object({
  state: z.enum(['online', 'offline', 'connecting', 'signed_out']),
  /** When the current state began. */
  since: z.iso.datetime({ offset: true }),
  serverUrl: HttpUrl.nullable(),
  serverVersion: z.string().nullable(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const ProtocolLink = z.object({
  scheme: z.enum(['tel', 'sip', 'callto']),
  /** The number or SIP address as it came, for the phone feature to normalise and confirm. */
  target: z.string().min(1).max(256),
});
export type ProtocolLink = z.infer<typeof ProtocolLink>;

export const methods = {
  'app.getInfo': { input: Empty, output: AppInfo },
  'config.get': { input: Empty, output: EffectiveConfig },
  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: SettingsPatch, output: Settings },
  'session.login': {
    input: z.strictObject({
      serverUrl: HttpUrl,
      login: z.string().trim().min(1).max(64),
      password: z.string().min(1).max(256),
    }),
    output: SessionInfo,
  },
  'session.get': { input: Empty, output: SessionInfo.nullable() },
  'session.logout': { input: Empty, output: z.object({ ok: z.literal(true) }) },
  'connection.getStatus': { input: Empty, output: ConnectionStatus },
  'shell.openExternal': { input: z.strictObject({ url: HttpUrl }), output: z.object({ opened: z.boolean() }) },
  /** The replica's sync state; null while nobody is signed in. */
  'sync.getStatus': { input: Empty, output: SyncStatus.nullable() },
  /** Sync at once (the status bar's "sync now", and after "update Pult" was fixed). */
  'sync.now': { input: Empty, output: SyncStatus.nullable() },
  /** Searches the replica's knowledge base: works offline. */
  'kb.search': { input: KbSearchInput, output: KbSearchResult },
  /** One article from the replica; null when it is not (or no longer) there. */
  'kb.getArticle': { input: KbArticleInput, output: KbArticle },
  /** "Helped / outdated" on an article: queued in the outbox, sent when the server is reachable. */
  'kb.feedback': { input: MUTATION_SCHEMAS['article.feedback'], output: z.object({ queued: z.literal(true) }) },
  /** The troubleshooting scripts in the replica. */
  'scripts.list': { input: Empty, output: ScriptList },
  'scripts.get': { input: ScriptInput, output: ScriptOrNull },
  /** Customers by name, phone, account or address from the replica; the server when it has none. */
  'customers.search': { input: CustomerSearchInput, output: CustomerSearchResult },
  /** A customer's card from the replica (the server when not local), with recent contacts. */
  'customers.get': { input: CustomerGetInput, output: CustomerGetResult },
  /** An extra service on or off during the call: queued, shown at once, undone if refused. */
  'customers.setExtraService': { input: MUTATION_SCHEMAS['customer.setExtraService'], output: z.object({ queued: z.literal(true) }) },
  /** A conversation from the replica with its messages and queued notes. */
  'conversations.get': { input: ConversationGetInput, output: ConversationGetResult },
  /** The replica's conversations, open first (to save a script path into one). */
  'conversations.recent': { input: RecentConversationsInput, output: RecentConversations },
  /** An internal note (or a script path) queued for the conversation; works offline. */
  'conversations.addNote': { input: AddNoteInput, output: AddNoteResult },
  /** An article's picture (kb-image:NAME) as a data: URL: cached in the replica, so also offline. */
  'kb.image': { input: KbImageInput, output: KbImageResult },
  /** Quality manager, admin: save an article (online; a stale copy is a conflict). */
  'kb.saveArticle': { input: KbSaveArticleInput, output: ArticleSaved },
  /** Quality manager, admin: the article's versions, newest first (online). */
  'kb.articleHistory': { input: KbHistoryInput, output: ArticleVersionsResponse },
  /** Quality manager, admin, supervisor: "helped / outdated" per article over a period (online). */
  'kb.feedbackSummary': { input: FeedbackSummaryQuery.extend({ days: z.number().int().min(1).max(365) }), output: FeedbackSummary },
  /** Star or unstar an article: this agent's, on this PC (the replica), works offline. */
  'kb.setFavourite': { input: KbSetFavouriteInput, output: KbSetFavouriteResult },
  /** The article the operator opened, for "recently opened" (the last 20 are kept). */
  'kb.markOpened': { input: KbMarkOpenedInput, output: z.object({ ok: z.literal(true) }) },
  /** Favourites and recently opened articles, with their titles, from the replica. */
  'kb.listSaved': { input: Empty, output: KbSaved },
  /** The SIP account (IT's preset merged in) and whether a password is stored. */
  'phone.getAccount': { input: Empty, output: PhoneAccount },
  /** Saves the account; the password goes to the OS keychain, never to a file. */
  'phone.saveAccount': { input: PhoneSaveAccountInput, output: PhoneAccount },
  /** The stored SIP password, for the softphone to register with. */
  'phone.password': { input: Empty, output: PhonePassword },
  /** Ready / not ready (why) / wrap-up / offline: stamped now, queued for the server. */
  'agent.setState': { input: AgentSetStateInput, output: AgentSetStateResult },
  /** What agent.setState last set in this session (null: nothing yet), so a reload keeps it. */
  'agent.getState': { input: Empty, output: AgentStateNow },
  /** A call that ended on this softphone, into the call history (queued; shown at once). */
  'calls.log': { input: CallLogInput, output: Queued },
  /** The wrap-up of a logged call (queued; shown at once). */
  'calls.wrapUp': { input: CallWrapUpInput, output: Queued },
  /** The call history from the replica, with what is still queued; works offline. */
  'calls.history': { input: CallHistoryInput, output: CallHistory },
  /** The operator opened the call history: missed calls so far are seen. */
  'calls.markSeen': { input: Empty, output: z.object({ ok: z.literal(true) }) },
  /** Active wrap-up codes, by category and order. */
  'wrapUp.codes': { input: Empty, output: WrapUpCodes },
  /** The agent's open callback tasks, soonest first. */
  'tasks.list': { input: Empty, output: TaskList },
  'tasks.complete': { input: TaskCompleteInput, output: Queued },
  ...PROSPECT_METHODS,
  ...INBOX_METHODS,
  /** A desktop notification of a ringing call (the desktop app; the browser host answers shown: false). */
  'notify.incomingCall': { input: IncomingCallNotice, output: NoticeShown },
  /** The call stopped ringing: its notification goes away. */
  'notify.closeCall': { input: CloseNoticeInput, output: z.object({ ok: z.literal(true) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'connection.changed': ConnectionStatus,
  'session.ended': z.object({ reason: z.enum(['logout', 'expired']) }),
  'protocol.link': ProtocolLink,
  'sync.changed': SyncStatus.nullable(),
  'sync.rejected': SyncRejected,
  /** A global phone shortcut fired (Electron, with Pult in the background). */
  'phone.hotkey': z.object({ action: z.enum(PHONE_HOTKEY_ACTIONS) }),
  /** The PC woke from sleep (Electron's powerMonitor): the softphone re-registers at once. */
  'system.resumed': z.object({}),
  /** Answer, Decline or a click on a ringing call's desktop notification (Electron). */
  'notify.action': NoticeAction,
} as const satisfies Record<string, z.ZodType>;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/** What every call resolves to on the wire; the client turns `ok: false` into a thrown error. */
export const CallResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: PultError }),
]);
export type CallResult = z.infer<typeof CallResult>;

/** The API preload puts on `window.pult` (and the browser host's client mirrors). Nothing else. */
export interface PultApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names used by Electron's preload and main. */
export const IPC_INVOKE_CHANNEL = 'pult:invoke';
export const IPC_EVENT_CHANNEL = 'pult:event';
