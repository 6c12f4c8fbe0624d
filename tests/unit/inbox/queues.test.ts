// The Inbox's queues in the replica (electron/services/inbox/replica-inbox.ts): mine, the shared
// queue (unassigned), the team's (agents with my teamId, from the agent directory), mine with the
// queue (the default), all; their counts under the other filters; the assignee's name and the
// SLA due times on each row; and the query plans (indexes, no scan of the messages).
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../contract/domain/agent.ts';
import type { Conversation } from '../../../contract/domain/conversation.ts';
import { agent, conversation } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { del, openStore, up } from '../customers/helpers.ts';

const withTeam = (i: number, teamId: string | null): Agent => ({ ...agent(i), teamId });
const ME = withTeam(1, 'line1-msk');
const MATE = withTeam(2, 'line1-msk');
const KALUGA = withTeam(3, 'line1-kaluga');
const iso = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString();
const SLA = { firstResponseDueAt: iso(5), firstResponseAt: null, resolutionDueAt: iso(480), pausedAt: null };

function conv(i: number, assigneeId: string | null, over: Partial<Conversation> = {}): Conversation {
  return { ...conversation(i), channel: 'email', customerId: null, status: 'open', category: null, assigneeId, createdAt: iso(0), updatedAt: iso(i), ...over };
}

function store(me: Agent = ME) {
  const s = openStore();
  const convs = {
    mine: conv(1, ME.id, { sla: SLA }),
    mineChat: conv(2, ME.id, { channel: 'telegram', category: 'technical' }),
    free: conv(3, null, { channel: 'telegram', status: 'new', sla: SLA }),
    free2: conv(4, null, { category: 'technical' }),
    mates: conv(5, MATE.id),
    kaluga: conv(6, KALUGA.id),
  };
  const changes = [
    up('agent', me, 1), up('agent', MATE, 2), up('agent', KALUGA, 3),
    ...Object.values(convs).map((c, i) => up('conversation', c, 10 + i)),
  ];
  s.store.applyPullPage({ after: '0', body: pageBody(changes, '20') });
  return { ...s, convs };
}

const ids = (s: ReturnType<typeof store>, filter: Record<string, unknown>, agentId = ME.id) =>
  s.store.inboxList({ scope: 'all', page: 0, pageSize: 50, agentId, ...filter }).rows.map((r) => r.id).sort();

describe('the Inbox queues', () => {
  it('mine, unassigned, mine with the queue, the team\'s, all', () => {
    const s = store();
    const c = s.convs;
    expect(ids(s, { scope: 'mine' })).toEqual([c.mine.id, c.mineChat.id].sort());
    expect(ids(s, { scope: 'unassigned' })).toEqual([c.free.id, c.free2.id].sort());
    expect(ids(s, { scope: 'mine_unassigned' })).toEqual([c.mine.id, c.mineChat.id, c.free.id, c.free2.id].sort());
    expect(ids(s, { scope: 'team' })).toEqual([c.mates.id]);
    expect(ids(s, { scope: 'all' })).toHaveLength(6);
    // Another agent of the team sees mine as their team's.
    expect(ids(s, { scope: 'team' }, MATE.id)).toEqual([c.mine.id, c.mineChat.id].sort());
  });

  it('an agent without a team has no team queue', () => {
    const s = store(withTeam(1, null));
    expect(ids(s, { scope: 'team' })).toEqual([]);
  });

  it('the other filters narrow every scope, and the counts follow them', () => {
    const s = store();
    expect(ids(s, { scope: 'mine_unassigned', channel: 'telegram' })).toEqual([s.convs.mineChat.id, s.convs.free.id].sort());
    expect(ids(s, { scope: 'unassigned', category: 'technical' })).toEqual([s.convs.free2.id]);
    const r = s.store.inboxList({ scope: 'mine_unassigned', page: 0, pageSize: 50, agentId: ME.id, counts: true });
    expect(r.scopeCounts).toEqual({ mine_unassigned: 4, mine: 2, unassigned: 2, team: 1, all: 6 });
    const tg = s.store.inboxList({ scope: 'team', channel: 'telegram', page: 0, pageSize: 50, agentId: ME.id, counts: true });
    expect(tg.scopeCounts).toEqual({ mine_unassigned: 2, mine: 1, unassigned: 1, team: 0, all: 2 });
    // Only when asked: the list's later pages do not pay for them.
    expect(s.store.inboxList({ scope: 'mine', page: 0, pageSize: 50, agentId: ME.id }).scopeCounts).toBeUndefined();
  });

  it('rows carry the assignee\'s name and the SLA due times', () => {
    const s = store();
    const rows = s.store.inboxList({ scope: 'all', page: 0, pageSize: 50, agentId: ME.id }).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(s.convs.mates.id)).toMatchObject({ assigneeId: MATE.id, assigneeName: MATE.displayName, sla: null });
    expect(byId.get(s.convs.free.id)).toMatchObject({ assigneeId: null, assigneeName: null, sla: SLA, createdAt: iso(0) });
  });

  it('each scope reads the conversations through an index', () => {
    const s = store();
    const plan = (where: string) =>
      (s.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM conversation v WHERE ${where} ORDER BY v.updated_at DESC, v.id DESC LIMIT 50`).all() as Array<{ detail: string }>)
        .map((r) => r.detail).join(' | ');
    expect(plan('v.assignee_id IS NULL')).toMatch(/conversation_inbox_mine/);
    // The team's: a look-up per teammate (a handful of agents, each holding few open ones), then sorted.
    expect(plan(`v.assignee_id IN (SELECT mate.id FROM agent mate WHERE mate.id <> 'x' AND mate.data ->> '$.teamId' = 'y')`)).toMatch(/USING (COVERING )?INDEX conversation_inbox_mine \(assignee_id=\?\)/);
    // Mine with the queue: two index ranges merged in their order, neither a scan nor a sort.
    const merged = (s.db.prepare(
      `EXPLAIN QUERY PLAN SELECT id, updated_at FROM (SELECT v.id, v.updated_at FROM conversation v WHERE v.assignee_id = 'x'
        UNION ALL SELECT v.id, v.updated_at FROM conversation v WHERE v.assignee_id IS NULL) ORDER BY updated_at DESC, id DESC LIMIT 50`,
    ).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(merged).toMatch(/MERGE \(UNION ALL\)/);
    expect(merged).not.toMatch(/TEMP B-TREE|SCAN v\b(?! USING)/);
  });

  it('the unfiltered counts kept by the triggers equal the rows, through takes, hand-overs, deletions and a reset', () => {
    const s = store();
    const c = s.convs;
    const counted = () => s.store.inboxList({ scope: 'mine', page: 0, pageSize: 50, agentId: ME.id, counts: true }).scopeCounts;
    const real = () => {
      const n = (where: string, ...p: unknown[]) => s.db.prepare(`SELECT count(*) FROM conversation WHERE ${where}`).pluck().get(...p) as number;
      const mine = n('assignee_id = ?', ME.id);
      const unassigned = n('assignee_id IS NULL');
      return { mine, unassigned, mine_unassigned: mine + unassigned, team: n('assignee_id = ?', MATE.id), all: n('1') };
    };
    expect(counted()).toEqual(real());
    // I take one from the queue, hand one to my mate; another one's row goes (a tombstone); a new free one comes.
    s.store.applyPullPage({
      after: '20',
      body: pageBody([
        up('conversation', { ...c.free, assigneeId: ME.id }, 21),
        up('conversation', { ...c.mineChat, assigneeId: MATE.id }, 22),
        del('conversation', c.kaluga.id, 23),
        up('conversation', conv(7, null), 24),
        up('conversation', { ...c.mine, status: 'resolved' }, 25),
      ], '30'),
    });
    expect(counted()).toEqual({ mine: 2, unassigned: 2, mine_unassigned: 4, team: 2, all: 6 });
    expect(counted()).toEqual(real());
    s.db.prepare('DELETE FROM conversation').run();
    expect(counted()).toEqual({ mine: 0, unassigned: 0, mine_unassigned: 0, team: 0, all: 0 });
  });
});
