// Assignment, status and category of a conversation: queued through the outbox (offline too), shown
// in the replica at once (services/inbox/conversation-actions.ts).
import type { Services } from '../services/compose.ts';
import { ServiceError } from '../services/errors.ts';
import { createConversationActions } from '../services/inbox/conversation-actions.ts';
import type { SyncedReplica } from '../services/sync/sync-service.ts';
import type { Handlers } from './handlers.ts';

type ActionMethods = Extract<keyof Handlers, `conversationActions.${string}`>;

export function conversationActionHandlers(s: Services, synced: () => SyncedReplica): Pick<Handlers, ActionMethods> {
  const actions = createConversationActions({
    db: () => synced().db,
    outbox: () => synced().engine,
    agentId: () => {
      const me = s.session.current();
      if (!me) throw new ServiceError('not_authenticated', 'sign in to handle conversations');
      return me.info.agent.id;
    },
  });
  return {
    'conversationActions.assign': (input) => actions.assign(input),
    'conversationActions.setStatus': (input) => actions.setStatus(input),
    'conversationActions.setCategory': (input) => actions.setCategory(input),
    'conversationActions.linkCustomer': (input) => actions.linkCustomer(input),
    'conversationActions.state': ({ conversationId }) => actions.state(conversationId),
  };
}
