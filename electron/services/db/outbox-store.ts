// The durable outbox, in the worker. Queueing a mutation and its optimistic change is one
// transaction; so is settling the server's answers (removing, folding or undoing). A mutation
// leaves the outbox only on an answer from the server.
import { z } from 'zod';
import { fromZodError, type PultError } from '../../../contract/errors.ts';
import {
  MAX_PUSH_BATCH,
  MUTATION_SCHEMAS,
  MutationNameSchema,
  MutationResult,
  type Mutation,
  type MutationName,
} from '../../../contract/sync.ts';
import type { Db } from './open-replica-file.ts';
import type { Pending } from './pending.ts';
import { ReplicaError } from './replica-error.ts';
import { patchRow, RowPatch, rowKey } from './row-patch.ts';
import type { Rows } from './rows.ts';

export const EnqueueInput = z.strictObject({
  name: MutationNameSchema,
  args: z.unknown(),
  /** The optimistic change; a patch of a row the replica does not hold applies when the row arrives. */
  apply: z.array(RowPatch).max(50).default([]),
});
export type EnqueueInput = z.input<typeof EnqueueInput>;

const Seq = z.number().int().positive();
export const SettleInput = z.strictObject({
  /** The seqs of the batch that was sent. */
  sent: z.array(Seq).min(1).max(MAX_PUSH_BATCH),
  results: z.array(MutationResult).max(MAX_PUSH_BATCH),
});
export type SettleInput = z.infer<typeof SettleInput>;

export interface Enqueued {
  seq: number;
  /** How many of the patches changed a row now (the others wait for their rows to arrive). */
  patched: number;
}

export interface OutboxEntry {
  seq: number;
  name: MutationName;
  args: unknown;
  createdAt: string;
  status: 'pending' | 'sent';
}

export interface RejectedMutation {
  seq: number;
  name: MutationName;
  args: unknown;
  error: PultError;
}

export interface Settled {
  /** Applied or duplicate: removed from the outbox. */
  settled: number;
  /** Removed from the outbox and their optimistic changes undone. */
  rejected: RejectedMutation[];
  /** Sent but not answered: back to pending, sent again next time. */
  unanswered: number[];
}

interface Row {
  seq: number;
  name: MutationName;
  args: string;
  created_at: string;
  status: 'pending' | 'sent';
  apply: string;
}

export interface OutboxStore {
  enqueue(input: EnqueueInput): Enqueued;
  takeBatch(limit: number): Mutation[];
  release(seqs: readonly number[]): void;
  settle(input: SettleInput): Settled;
  count(): number;
  list(): OutboxEntry[];
}

export function createOutboxStore(db: Db, rows: Rows, pending: Pending, now: () => Date = () => new Date()): OutboxStore {
  const insert = db.prepare("INSERT INTO outbox (name, args, created_at, status, apply) VALUES (?, ?, ?, 'pending', ?)");
  const pendingBatch = db.prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?");
  const mark = db.prepare('UPDATE outbox SET status = ? WHERE seq = ?');
  const get = db.prepare('SELECT * FROM outbox WHERE seq = ?');
  const remove = db.prepare('DELETE FROM outbox WHERE seq = ?');
  const count = db.prepare('SELECT count(*) FROM outbox').pluck();
  const all = db.prepare('SELECT * FROM outbox ORDER BY seq');

  // A batch in flight when the process died was maybe received, maybe not: send it again (the
  // server answers "duplicate" for what it already has).
  db.prepare("UPDATE outbox SET status = 'pending' WHERE status = 'sent'").run();

  const enqueue = db.transaction((name: MutationName, args: unknown, patches: RowPatch[]): Enqueued => {
    let patched = 0;
    patches.forEach((p, i) => {
      // A row the replica does not hold yet gets the patch when it arrives (pending.serverChanged).
      const row = rows.get(p.entity, p.id);
      if (!row) return;
      const next = patchRow(p.entity, JSON.parse(row.data), p.set, `apply.${i}`);
      pending.capture(p.entity, p.id, row);
      rows.put(p.entity, p.id, row.version, next);
      patched++;
    });
    const info = insert.run(name, JSON.stringify(args), now().toISOString(), JSON.stringify(patches));
    return { seq: Number(info.lastInsertRowid), patched };
  });

  const takeBatch = db.transaction((limit: number): Mutation[] => {
    const batch = pendingBatch.all(limit) as Row[];
    for (const r of batch) mark.run('sent', r.seq);
    return batch.map((r) => ({ seq: r.seq, name: r.name, args: JSON.parse(r.args) as unknown }));
  });

  const release = db.transaction((seqs: readonly number[]) => {
    for (const s of seqs) mark.run('pending', s);
  });

  const settle = db.transaction((input: SettleInput): Settled => {
    const sent = new Set(input.sent);
    const answered = new Set<number>();
    const touched = new Map<string, RowPatch>();
    const rejected: RejectedMutation[] = [];
    let settled = 0;
    for (const r of input.results) {
      if (!sent.has(r.seq) || answered.has(r.seq)) continue; // not in this batch: not ours to settle
      const entry = get.get(r.seq) as Row | undefined;
      if (!entry) continue;
      answered.add(r.seq);
      const patches = JSON.parse(entry.apply) as RowPatch[];
      remove.run(r.seq);
      if (r.status === 'rejected') rejected.push({ seq: r.seq, name: entry.name, args: JSON.parse(entry.args), error: r.error });
      else {
        pending.fold(patches);
        settled++;
      }
      for (const p of patches) touched.set(rowKey(p.entity, p.id), p);
    }
    for (const p of touched.values()) pending.recompute(p.entity, p.id);
    const unanswered = input.sent.filter((s) => !answered.has(s));
    for (const s of unanswered) mark.run('pending', s);
    return { settled, rejected, unanswered };
  });

  return {
    enqueue(input) {
      const parsed = EnqueueInput.parse(input);
      const args = MUTATION_SCHEMAS[parsed.name].safeParse(parsed.args);
      if (!args.success) {
        const e = fromZodError(args.error, 'args');
        throw new ReplicaError('invalid_input', e.message, e.field);
      }
      return enqueue(parsed.name, args.data, parsed.apply);
    },
    takeBatch: (limit) => takeBatch(Math.max(1, Math.min(MAX_PUSH_BATCH, limit))),
    release: (seqs) => release(seqs),
    settle: (input) => settle(input),
    count: () => count.get() as number,
    list: () =>
      (all.all() as Row[]).map((r) => ({ seq: r.seq, name: r.name, args: JSON.parse(r.args) as unknown, createdAt: r.created_at, status: r.status })),
  };
}
