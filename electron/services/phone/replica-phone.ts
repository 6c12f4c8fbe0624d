// The Phone feature's reads from the replica, in the worker: the agent's call history with what is
// still in the outbox (a call logged or wrapped up offline shows at once, marked pending), the
// missed calls not yet seen, the open callback tasks (those promised in a queued wrap-up too), and
// the active wrap-up codes.
import { z } from 'zod';
import type { Call } from '../../../contract/domain/conversation.ts';
import type { Task } from '../../../contract/domain/task.ts';
import type { WrapUpCode } from '../../../contract/domain/wrap-up.ts';
import { CALL_HISTORY_MAX, CallHistoryInput, type CallHistory, type CallHistoryItem, type TaskListItem } from '../../../contract/phone-ipc.ts';
import type { MutationArgs } from '../sync/outbox.ts';
import type { Db } from '../db/open-replica-file.ts';

export const ReplicaCallHistoryInput = CallHistoryInput.extend({ agentId: z.uuid() });
export const ReplicaAgentInput = z.strictObject({ agentId: z.uuid() });

type LogArgs = MutationArgs<'call.log'>;
type WrapArgs = MutationArgs<'call.wrapUp'>;

/** Rows looked at before the text filter: the newest calls are what an operator searches. */
const SCAN = 5000;

export interface ReplicaPhone {
  history(input: z.input<typeof ReplicaCallHistoryInput>): CallHistory;
  markSeen(): void;
  codes(): WrapUpCode[];
  tasks(input: z.input<typeof ReplicaAgentInput>): TaskListItem[];
}

export function createReplicaPhone(db: Db): ReplicaPhone {
  const calls = db.prepare(
    `SELECT k.data, c.data ->> '$.fullName' AS customer_name FROM call k LEFT JOIN customer c ON c.id = k.customer_id
     WHERE k.agent_id = ? ORDER BY k.started_at DESC LIMIT ?`,
  );
  const customerName = db.prepare("SELECT data ->> '$.fullName' FROM customer WHERE id = ?").pluck();
  const callRow = db.prepare('SELECT data FROM call WHERE id = ?').pluck();
  const queued = db.prepare("SELECT name, args, created_at FROM outbox WHERE name IN ('call.log', 'call.wrapUp', 'task.complete') ORDER BY seq");
  const codeRows = db.prepare('SELECT data FROM wrap_up_code ORDER BY category, sort').pluck();
  const codeCategory = db.prepare("SELECT data ->> '$.category' FROM wrap_up_code WHERE id = ?").pluck();
  const newestCall = db.prepare('SELECT max(started_at) FROM call').pluck();
  const seenAt = db.prepare("SELECT value FROM phone_local WHERE key = 'calls_seen_at'").pluck();
  const setSeen = db.prepare("INSERT INTO phone_local (key, value) VALUES ('calls_seen_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  const openTasks = db.prepare(
    `SELECT t.data, c.data ->> '$.fullName' AS customer_name FROM task t LEFT JOIN customer c ON c.id = t.data ->> '$.customerId'
     WHERE t.assignee_id = ? AND t.status = 'open' ORDER BY t.due_at LIMIT 500`,
  );

  function outbox() {
    const logs = new Map<string, { args: LogArgs; at: string }>();
    const wraps = new Map<string, { args: WrapArgs; at: string }>();
    const done = new Set<string>();
    for (const r of queued.all() as Array<{ name: string; args: string; created_at: string }>) {
      const args = JSON.parse(r.args) as unknown;
      if (r.name === 'call.log') logs.set((args as LogArgs).callId, { args: args as LogArgs, at: r.created_at });
      else if (r.name === 'call.wrapUp') wraps.set((args as WrapArgs).callId, { args: args as WrapArgs, at: r.created_at });
      else done.add((args as { taskId: string }).taskId);
    }
    return { logs, wraps, done };
  }

  function wrapUpOf(w: { args: WrapArgs; at: string }): Call['wrapUp'] {
    const category = (codeCategory.get(w.args.codeId) as WrapUpCode['category'] | undefined) ?? null;
    return category ? { codeId: w.args.codeId, category, result: w.args.result, note: w.args.note, at: w.at } : null;
  }

  function queuedCall(agentId: string, log: LogArgs): Call {
    return {
      id: log.callId, conversationId: null, direction: log.direction, agentId, number: log.number, startedAt: log.startedAt,
      answeredAt: log.answeredAt, endedAt: log.endedAt, result: log.result, ivrChoice: log.ivrChoice, customerId: log.customerId, wrapUp: null,
    };
  }

  function matches(item: CallHistoryItem, filter: string, query: string): boolean {
    const c = item.call;
    if (filter === 'missed' && !(c.direction === 'in' && c.result === 'missed')) return false;
    if ((filter === 'in' || filter === 'out') && c.direction !== filter) return false;
    if (!query) return true;
    const digits = query.replace(/\D/g, '');
    // «8 495 …» is how a Russian number is written at home; stored numbers are +7 495 ….
    const national = digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
    const stored = c.number.replace(/\D/g, '');
    if (digits.length >= 3 && (stored.includes(digits) || stored.includes(national))) return true;
    return (item.customerName ?? '').toLocaleLowerCase('ru').includes(query.toLocaleLowerCase('ru').trim());
  }

  return {
    history(raw) {
      const input = ReplicaCallHistoryInput.parse(raw);
      const limit = Math.min(input.limit ?? 100, CALL_HISTORY_MAX);
      const q = outbox();
      const synced = (calls.all(input.agentId, SCAN) as Array<{ data: string; customer_name: string | null }>).map((r) => {
        const call = JSON.parse(r.data) as Call;
        const wrap = q.wraps.get(call.id);
        return { call: wrap ? { ...call, wrapUp: wrapUpOf(wrap) } : call, customerName: r.customer_name, pending: Boolean(wrap) };
      });
      const have = new Set(synced.map((i) => i.call.id));
      const pending = [...q.logs.values()]
        .filter((l) => !have.has(l.args.callId) && !callRow.get(l.args.callId))
        .map(({ args }) => {
          const wrap = q.wraps.get(args.callId);
          const call = queuedCall(input.agentId, args);
          const name = args.customerId ? ((customerName.get(args.customerId) as string | undefined) ?? null) : null;
          return { call: wrap ? { ...call, wrapUp: wrapUpOf(wrap) } : call, customerName: name, pending: true };
        });
      const all = [...pending, ...synced].sort((a, b) => b.call.startedAt.localeCompare(a.call.startedAt));
      const seen = (seenAt.get() as string | undefined) ?? '';
      const missedUnseen = all.filter((i) => i.call.direction === 'in' && i.call.result === 'missed' && i.call.startedAt > seen).length;
      const query = input.query?.trim() ?? '';
      return { items: all.filter((i) => matches(i, input.filter, query)).slice(0, limit), missedUnseen };
    },
    markSeen() {
      // Not before the newest call: a server clock ahead of this PC's must not leave a call unseen.
      const newest = (newestCall.get() as string | null) ?? '';
      const now = new Date().toISOString();
      setSeen.run(newest > now ? newest : now);
    },
    codes() {
      return (codeRows.all() as string[]).map((d) => JSON.parse(d) as WrapUpCode).filter((c) => c.active);
    },
    tasks({ agentId }) {
      const q = outbox();
      const items: TaskListItem[] = (openTasks.all(agentId) as Array<{ data: string; customer_name: string | null }>).map((r) => {
        const task = JSON.parse(r.data) as Task;
        return { task, customerName: r.customer_name, pending: q.done.has(task.id) };
      });
      const have = new Set(items.map((i) => i.task.id));
      // Callbacks promised in a wrap-up still in the outbox.
      for (const { args, at } of q.wraps.values()) {
        const f = args.followUp;
        if (!f || have.has(f.taskId)) continue;
        const call = (callRow.get(args.callId) as string | undefined) ? (JSON.parse(callRow.get(args.callId) as string) as Call) : null;
        const log = q.logs.get(args.callId)?.args;
        const customerId = call?.customerId ?? log?.customerId ?? null;
        items.push({
          task: {
            id: f.taskId, kind: 'callback', customerId, conversationId: call?.conversationId ?? args.conversationId, number: call?.number ?? log?.number ?? null,
            dueAt: f.dueAt, note: f.note, assigneeId: agentId, status: 'open', createdAt: at, doneAt: null,
          },
          customerName: customerId ? ((customerName.get(customerId) as string | undefined) ?? null) : null,
          pending: true,
        });
      }
      return items.sort((a, b) => a.task.dueAt.localeCompare(b.task.dueAt));
    },
  };
}
