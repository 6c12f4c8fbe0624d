// What a mutation handler gets: the transaction it runs in, who sent it, and where its arguments
// sit in the push request (for the `field` of a refusal).
import type { Transaction } from 'kysely';
import type { AgentWithSite } from '../../../../contract/index.ts';
import type { DB } from '../../db/schema.ts';

export interface MutationContext {
  trx: Transaction<DB>;
  agent: AgentWithSite;
  ip: string | null;
  now: Date;
  scopeDays: number;
  /** "mutations.N.args" */
  prefix: string;
}
