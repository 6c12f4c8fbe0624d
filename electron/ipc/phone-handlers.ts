// The Phone feature's methods: the SIP account and its keychain password, the agent's state, calls
// logged and wrapped up (queued in the outbox: they work offline and reach the server in order),
// and the call history, tasks and wrap-up codes read from the replica.
import type { Services } from '../services/compose.ts';
import { ServiceError } from '../services/errors.ts';
import type { SyncedReplica } from '../services/sync/sync-service.ts';
import type { AgentStateNow } from '../../contract/phone-ipc.ts';
import type { Handlers } from './handlers.ts';

type PhoneMethods =
  | 'phone.getAccount' | 'phone.saveAccount' | 'phone.password' | 'agent.setState' | 'agent.getState' | 'calls.log' | 'calls.wrapUp'
  | 'calls.history' | 'calls.markSeen' | 'wrapUp.codes' | 'tasks.list' | 'tasks.complete';

/** The state each agent last set on this PC; the main process outlives renderer reloads. */
export type AgentStates = Map<string, NonNullable<AgentStateNow>>;

/**
 * Signing out while Ready would leave the supervisor believing the agent takes calls: queue Offline
 * and give the outbox a moment to send it (it goes out at the next sign-in otherwise).
 */
export async function goOfflineBeforeSignOut(s: Services, states: AgentStates, waitMs = 2000): Promise<void> {
  const me = s.session.current();
  const r = s.sync.current();
  const last = me ? states.get(me.info.agent.id) : undefined;
  if (!me || !r || !last || last.state === 'offline') return;
  const at = new Date().toISOString();
  await r.engine.enqueue('agent.setState', { changeId: crypto.randomUUID(), state: 'offline', reason: null, at });
  states.set(me.info.agent.id, { state: 'offline', reason: null, at });
  await Promise.race([s.sync.syncNow().catch(() => null), new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

export function phoneHandlers(s: Services, synced: () => SyncedReplica, states: AgentStates = new Map()): Pick<Handlers, PhoneMethods> {
  const agentId = () => {
    const me = s.session.current();
    if (!me) throw new ServiceError('not_authenticated', 'sign in to use the phone');
    return me.info.agent.id;
  };
  const queued = { queued: true as const };
  return {
    'phone.getAccount': () => s.sipAccount.get(),
    'phone.saveAccount': (input) => s.sipAccount.save(input),
    'phone.password': async () => ({ password: await s.sipAccount.password() }),
    'agent.setState': async ({ state, reason }) => {
      // Stamped here, when the operator changed it: queued offline, it keeps this time.
      const at = new Date().toISOString();
      await synced().engine.enqueue('agent.setState', { changeId: crypto.randomUUID(), state, reason, at });
      states.set(agentId(), { state, reason, at });
      return { queued: true as const, at };
    },
    'agent.getState': () => states.get(agentId()) ?? null,
    'calls.log': async (input) => {
      await synced().engine.enqueue('call.log', input);
      return queued;
    },
    'calls.wrapUp': async (input) => {
      await synced().engine.enqueue('call.wrapUp', input);
      return queued;
    },
    'calls.history': (input) => synced().db.callHistory({ ...input, agentId: agentId() }),
    'calls.markSeen': async () => {
      await synced().db.markCallsSeen();
      return { ok: true as const };
    },
    'wrapUp.codes': async () => ({ codes: await synced().db.wrapUpCodes() }),
    'tasks.list': async () => ({ items: await synced().db.taskList({ agentId: agentId() }) }),
    'tasks.complete': async (input) => {
      await synced().engine.enqueue('task.complete', input);
      return queued;
    },
  };
}
