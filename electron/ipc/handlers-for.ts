// Each contract method mapped to the service that answers it.
import type { Article } from '../../contract/domain/article.ts';
import type { TroubleshootingScript } from '../../contract/domain/script.ts';
import { ScriptList } from '../../contract/kb.ts';
import { createCustomerService } from '../services/customers/customer-service.ts';
import { toggleExtraService } from '../services/customers/toggle-extra-service.ts';
import { createServerKb } from '../services/kb-editing/server-kb.ts';
import { createServerCustomers } from '../services/customers/server-customers.ts';
import { ServiceError } from '../services/errors.ts';
import { externalUrl } from '../services/security/url-policy.ts';
import type { Services } from '../services/compose.ts';
import type { Handlers } from './handlers.ts';
import { goOfflineBeforeSignOut, phoneHandlers, type AgentStates } from './phone-handlers.ts';
import { prospectHandlers } from './prospect-handlers.ts';
import { notifyHandlers } from './notify-handlers.ts';
import { composerHandlers } from './composer-handlers.ts';
import { conversationActionHandlers } from './conversation-action-handlers.ts';
import { fetchRemoteImage } from '../services/inbox/remote-image.ts';
import { createAttachmentBytes } from '../services/inbox/attachment-bytes.ts';

export function handlersFor(s: Services): Handlers {
  // The signed-in agent's replica and sync engine; before sign-in refused in words.
  const synced = () => {
    const r = s.sync.current();
    if (!r) throw new ServiceError('not_authenticated', 'sign in to use the local data');
    return r;
  };
  const replica = () => synced().db;
  const agentStates: AgentStates = new Map();
  const serverKb = createServerKb({ session: () => s.session.current() });
  const customers = createCustomerService({
    replica,
    server: createServerCustomers({ session: () => s.session.current() }),
    isOffline: () => s.connection.status().state === 'offline',
  });
  const attachmentBytes = createAttachmentBytes({ session: () => s.session.current(), isOffline: () => s.connection.status().state === 'offline' });
  return {
    'app.getInfo': () => s.info,
    'config.get': () => s.config(),
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.settings.update(patch),
    'session.login': (input) => s.session.login(input),
    'session.get': () => s.session.get(),
    'session.logout': async () => {
      await goOfflineBeforeSignOut(s, agentStates).catch(() => undefined);
      return s.session.logout();
    },
    'connection.getStatus': () => s.connection.status(),
    'shell.openExternal': async ({ url }) => {
      const safe = externalUrl(url);
      if (!safe) throw new ServiceError('invalid_input', 'only http(s) URLs without credentials open outside the app', 'input.url');
      return { opened: await s.openUrl(safe) };
    },
    'sync.getStatus': () => s.sync.status(),
    'sync.now': () => s.sync.syncNow(),
    'kb.search': (input) => replica().searchKb(input),
    'kb.feedback': async (input) => {
      await synced().engine.enqueue('article.feedback', input);
      return { queued: true as const };
    },
    'kb.saveArticle': async (input) => {
      const saved = await serverKb.save(input);
      // The saved text comes back through the feed; pull now rather than at the next poke.
      void s.sync.syncNow().catch(() => {});
      return saved;
    },
    'kb.articleHistory': ({ id }) => serverKb.history(id),
    'kb.image': ({ name }) => s.images.image(replica(), name),
    'kb.feedbackSummary': ({ days }) => serverKb.feedback(days),
    'kb.setFavourite': (input) => replica().kbSetFavourite(input),
    'kb.markOpened': async (input) => {
      await replica().kbMarkOpened(input);
      return { ok: true as const };
    },
    'kb.listSaved': () => replica().kbSaved(),
    'scripts.list': async () => ScriptList.parse(await replica().listScripts()),
    'scripts.get': async ({ id }) => ((await replica().getRow('script', id))?.data as TroubleshootingScript | undefined) ?? null,
    'kb.getArticle': async ({ id }) => ((await replica().getRow('article', id))?.data as Article | undefined) ?? null,
    'customers.search': (input) => customers.search(input),
    'customers.get': ({ id }) => customers.get(id),
    'customers.setExtraService': async (input) => {
      const r = synced();
      await toggleExtraService(r.db, r.engine, input);
      return { queued: true as const };
    },
    'conversations.get': ({ id }) => replica().conversationThread({ id }),
    'conversations.recent': (input) => replica().recentConversations({ ...input, agentId: s.session.current()?.info.agent.id }),
    'conversations.addNote': async (input) => {
      const noteId = crypto.randomUUID();
      await synced().engine.enqueue('conversation.addNote', { ...input, noteId });
      return { queued: true as const, noteId };
    },
    'inbox.list': (input) => {
      const me = s.session.current();
      if (!me) throw new ServiceError('not_authenticated', 'sign in to read the inbox');
      return replica().inboxList({ ...input, agentId: me.info.agent.id });
    },
    'inbox.calls': (input) => replica().inboxCalls(input),
    'inbox.arrivals': (input) => {
      const me = s.session.current();
      if (!me) throw new ServiceError('not_authenticated', 'sign in to read the inbox');
      return replica().inboxArrivals(me.info.agent.id, input);
    },
    'inbox.markSeen': async (input) => {
      await replica().inboxMarkSeen(input);
      return { ok: true as const };
    },
    'mail.remoteImage': (input) => {
      if (!s.session.current()) throw new ServiceError('not_authenticated', 'sign in to see letters');
      return fetchRemoteImage(input.url);
    },
    'inbox.attachmentBytes': (input) => attachmentBytes.get(input),
    ...phoneHandlers(s, synced, agentStates),
    ...prospectHandlers(s, synced),
    ...composerHandlers(s, synced),
    ...conversationActionHandlers(s, synced),
    ...notifyHandlers(null), // the desktop app puts its native notifier over this (main.ts)
  };
}
