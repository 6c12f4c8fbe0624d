// The main process keeps the agent's last state for the session (a renderer reload shows it again),
// and signing out while Ready queues Offline, so the supervisor does not count on a gone agent.
import { describe, expect, it } from 'vitest';
import { goOfflineBeforeSignOut, phoneHandlers, type AgentStates } from '../../../electron/ipc/phone-handlers.ts';
import type { Services } from '../../../electron/services/compose.ts';
import { AGENT, SESSION } from '../electron/fixtures.ts';

function fakeServices() {
  const queued: Array<{ name: string; args: Record<string, unknown> }> = [];
  let synced = 0;
  const engine = { enqueue: async (name: string, args: Record<string, unknown>) => void queued.push({ name, args }) };
  const s = {
    session: { current: () => ({ serverUrl: SESSION.serverUrl, token: 't', info: SESSION }) },
    sync: { current: () => ({ db: {}, engine }), syncNow: async () => { synced++; return null; } },
  } as unknown as Services;
  return { s, queued, synced: () => synced };
}

describe('agent state across reloads and sign-out', () => {
  it('agent.getState answers what agent.setState last set, null before', async () => {
    const { s } = fakeServices();
    const states: AgentStates = new Map();
    const h = phoneHandlers(s, () => s.sync.current()!, states);
    expect(await h['agent.getState']({})).toBeNull();
    const { at } = await h['agent.setState']({ state: 'not_ready', reason: 'meeting' });
    expect(await h['agent.getState']({})).toEqual({ state: 'not_ready', reason: 'meeting', at });
  });

  it('signing out while not offline queues Offline and tries to send it; offline already: nothing', async () => {
    const { s, queued, synced } = fakeServices();
    const states: AgentStates = new Map();
    await goOfflineBeforeSignOut(s, states);
    expect(queued).toEqual([]); // never set a state: nothing to undo
    states.set(AGENT.id, { state: 'ready', reason: null, at: new Date().toISOString() });
    await goOfflineBeforeSignOut(s, states);
    expect(queued).toEqual([{ name: 'agent.setState', args: expect.objectContaining({ state: 'offline', reason: null }) }]);
    expect(synced()).toBe(1);
    await goOfflineBeforeSignOut(s, states);
    expect(queued).toHaveLength(1);
  });
});
