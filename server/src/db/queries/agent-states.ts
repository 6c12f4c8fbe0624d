// Each agent's latest state by the time it happened on their PC (a change queued offline and
// delivered late does not overtake a newer one).
import type { Kysely } from 'kysely';
import type { AgentCurrentState, AgentStateName, NotReadyReason } from '../../../../contract/index.ts';
import type { DB } from '../schema.ts';

export async function currentAgentStates(db: Kysely<DB>): Promise<AgentCurrentState[]> {
  const rows = await db
    .selectFrom('agent_state_changes')
    .distinctOn('agent_id')
    .select(['agent_id', 'state', 'reason', 'at'])
    .orderBy('agent_id')
    .orderBy('at', 'desc')
    .orderBy('received_at', 'desc')
    .execute();
  return rows.map((r) => ({ agentId: r.agent_id, state: r.state as AgentStateName, reason: r.reason as NotReadyReason | null, since: new Date(r.at).toISOString() }));
}
