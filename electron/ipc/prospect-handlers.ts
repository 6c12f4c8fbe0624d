// Prospects' connection requests: taken during (or after) a call and queued in the outbox, so they
// work offline; the agent's own recent ones and the tariff catalogue read from the replica.
import type { Services } from '../services/compose.ts';
import { ServiceError } from '../services/errors.ts';
import { createProspectService } from '../services/prospects/prospect-service.ts';
import type { SyncedReplica } from '../services/sync/sync-service.ts';
import type { Handlers } from './handlers.ts';

type ProspectMethods = 'connectionRequests.create' | 'connectionRequests.list' | 'connectionRequests.tariffs';

export function prospectHandlers(s: Services, synced: () => SyncedReplica): Pick<Handlers, ProspectMethods> {
  const agentId = () => {
    const me = s.session.current();
    if (!me) throw new ServiceError('not_authenticated', 'sign in to take connection requests');
    return me.info.agent.id;
  };
  const prospects = createProspectService({ outbox: () => synced().engine, agentId });
  return {
    'connectionRequests.create': (input) => prospects.create(input),
    'connectionRequests.list': async (input) => ({ items: await synced().db.connectionRequests({ ...input, agentId: agentId() }) }),
    'connectionRequests.tariffs': async () => ({ tariffs: await synced().db.tariffCatalogue() }),
  };
}
