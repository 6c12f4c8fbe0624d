// Sign-in sessions, looked up by the SHA-256 of their token.
import type { Kysely } from 'kysely';
import type { AgentWithSite } from '../../../../contract/index.ts';
import type { DB } from '../schema.ts';
import { agentWithSiteColumns, toAgentWithSite } from './agents.ts';

export async function createSession(db: Kysely<DB>, s: { tokenHash: string; agentId: string; expiresAt: Date; ip: string | null }): Promise<void> {
  // Housekeeping on the way: expired sessions are useless and only grow the table.
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
  await db.insertInto('sessions').values({ token_hash: s.tokenHash, agent_id: s.agentId, expires_at: s.expiresAt, ip: s.ip }).execute();
}

export async function findSession(db: Kysely<DB>, tokenHash: string, now: Date): Promise<{ agent: AgentWithSite; expiresAt: Date } | null> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .innerJoin('sites', 'sites.id', 'agents.site_id')
    .select([...agentWithSiteColumns, 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  return r ? { agent: toAgentWithSite(r), expiresAt: r.expires_at } : null;
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
