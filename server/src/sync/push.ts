// Applies a client's mutations exactly once, in seq order. Each mutation is one synced transaction
// that locks the client's row, so two pushes of one client cannot both apply a seq:
//   seq <= last_seq    → duplicate (or the stored rejection, so a resend gets the same answer)
//   seq >  last_seq+1  → a gap: mutations were lost, this and the rest are refused, nothing changes
//   seq == last_seq+1  → applied, or rejected with the reason; last_seq advances either way, so one
//                        bad mutation never blocks the outbox behind it.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AgentWithSite, MutationResult, PultError, PushRequest, PushResponse } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';
import { forbidden } from '../http/errors.ts';
import { applyMutation, MutationRefused } from './mutations/index.ts';
import { withSyncedTransaction } from './synced-transaction.ts';

export interface PushContext {
  db: Kysely<DB>;
  agent: AgentWithSite;
  ip: string | null;
  now: () => Date;
  /** The agents' sync scope window (settings), for mutations that bring new rows into a scope. */
  scopeDays: number;
}

type Outcome = { kind: 'settled'; result: MutationResult; lastSeq: number } | { kind: 'gap'; lastSeq: number };

const notYours = () => forbidden('this clientId belongs to another agent; a client id is never shared');

/** The client id belongs to the agent who first used it. */
async function claimClient(ctx: PushContext, clientId: string): Promise<number> {
  await ctx.db.insertInto('sync_clients').values({ client_id: clientId, agent_id: ctx.agent.id }).onConflict((oc) => oc.column('client_id').doNothing()).execute();
  const owner = await ctx.db.selectFrom('sync_clients').select(['agent_id', 'last_seq']).where('client_id', '=', clientId).executeTakeFirstOrThrow();
  if (owner.agent_id !== ctx.agent.id) throw notYours();
  return owner.last_seq;
}

async function storedResult(trx: Transaction<DB>, clientId: string, seq: number): Promise<MutationResult> {
  const r = await trx.selectFrom('sync_mutation_results').select(['status', 'error']).where('client_id', '=', clientId).where('seq', '=', seq).executeTakeFirst();
  return r?.status === 'rejected' ? { seq, status: 'rejected', error: r.error as PultError } : { seq, status: 'duplicate' };
}

async function settle(ctx: PushContext, trx: Transaction<DB>, clientId: string, m: PushRequest['mutations'][number], index: number): Promise<Outcome> {
  const client = await trx.selectFrom('sync_clients').select(['agent_id', 'last_seq']).where('client_id', '=', clientId).forUpdate().executeTakeFirstOrThrow();
  if (client.agent_id !== ctx.agent.id) throw notYours();
  if (m.seq <= client.last_seq) return { kind: 'settled', result: await storedResult(trx, clientId, m.seq), lastSeq: client.last_seq };
  if (m.seq > client.last_seq + 1) return { kind: 'gap', lastSeq: client.last_seq };

  let result: MutationResult;
  // A refusal undoes the mutation's own writes but keeps the bookkeeping below.
  await sql`savepoint mutation`.execute(trx);
  try {
    await applyMutation({ trx, agent: ctx.agent, ip: ctx.ip, now: ctx.now(), scopeDays: ctx.scopeDays, prefix: `mutations.${index}.args` }, m.name, m.args);
    await sql`release savepoint mutation`.execute(trx);
    result = { seq: m.seq, status: 'applied' };
  } catch (e) {
    if (!(e instanceof MutationRefused)) throw e;
    await sql`rollback to savepoint mutation`.execute(trx);
    result = { seq: m.seq, status: 'rejected', error: e.error };
  }
  await trx.insertInto('sync_mutation_results')
    .values({ client_id: clientId, seq: m.seq, status: result.status === 'rejected' ? 'rejected' : 'applied', error: result.status === 'rejected' ? JSON.stringify(result.error) : null })
    .execute();
  await trx.updateTable('sync_clients').set({ last_seq: m.seq }).where('client_id', '=', clientId).execute();
  return { kind: 'settled', result, lastSeq: m.seq };
}

export async function processPush(ctx: PushContext, req: PushRequest): Promise<PushResponse> {
  let lastSeq = await claimClient(ctx, req.clientId);
  const results: MutationResult[] = [];
  for (let i = 0; i < req.mutations.length; i++) {
    const m = req.mutations[i]!;
    const outcome = await withSyncedTransaction(ctx.db, (trx) => settle(ctx, trx, req.clientId, m, i));
    lastSeq = outcome.lastSeq;
    if (outcome.kind === 'settled') {
      results.push(outcome.result);
      continue;
    }
    const expected = lastSeq + 1;
    for (let j = i; j < req.mutations.length; j++) {
      const field = `mutations.${j}.seq`;
      const message = `${field}: seq ${req.mutations[j]!.seq} leaves a gap; the server has settled up to ${lastSeq}, resend from ${expected}`;
      results.push({ seq: req.mutations[j]!.seq, status: 'rejected', error: { code: 'invalid_input', message, field } });
    }
    break;
  }
  return { results, lastSeq };
}
