// Taking a prospect's connection request: the main process gives it its id and the time the
// operator saved it, and queues it in the outbox — the request is in the replica at once (the list
// shows it as waiting) and reaches the server once, whenever the network allows.
import type { ConnectionRequestInput } from '../../../contract/domain/connection-request.ts';
import type { ConnectionRequestCreated } from '../../../contract/prospect-ipc.ts';
import type { Outbox } from '../sync/outbox.ts';
import { queuedRequest } from './replica-prospects.ts';

export interface ProspectService {
  create(input: ConnectionRequestInput): Promise<ConnectionRequestCreated>;
}

export function createProspectService(deps: {
  outbox: () => Pick<Outbox, 'enqueue'>;
  agentId: () => string;
  now?: () => Date;
  newId?: () => string;
}): ProspectService {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  return {
    async create(input) {
      const agentId = deps.agentId();
      const args = { ...input, requestId: newId(), createdAt: now().toISOString() };
      await deps.outbox().enqueue('connectionRequest.create', args);
      return { queued: true, request: queuedRequest(args, agentId) };
    },
  };
}
