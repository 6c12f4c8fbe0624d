// Agents and their sites.
import { sql, type Kysely } from 'kysely';
import type { AgentWithSite, Role, SiteId } from '../../../../contract/index.ts';
import type { DB } from '../schema.ts';

const columns = [
  'agents.id', 'agents.login', 'agents.display_name', 'agents.role', 'agents.site_id',
  'sites.name as site_name', 'sites.timezone as site_timezone',
] as const;

interface Row {
  id: string;
  login: string;
  display_name: string;
  role: string;
  site_id: string;
  site_name: string;
  site_timezone: string;
}

export function toAgentWithSite(r: Row): AgentWithSite {
  return {
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    role: r.role as Role,
    siteId: r.site_id as SiteId,
    site: { id: r.site_id as SiteId, name: r.site_name, timezone: r.site_timezone },
  };
}

export async function findAgentForLogin(db: Kysely<DB>, login: string): Promise<(AgentWithSite & { passwordHash: string }) | null> {
  const r = await db
    .selectFrom('agents')
    .innerJoin('sites', 'sites.id', 'agents.site_id')
    .select([...columns, 'agents.password_hash'])
    .where(sql<string>`lower(agents.login)`, '=', login.toLowerCase())
    .executeTakeFirst();
  return r ? { ...toAgentWithSite(r), passwordHash: r.password_hash } : null;
}

export async function listAgents(db: Kysely<DB>, filter: { role?: Role; siteId?: SiteId }): Promise<AgentWithSite[]> {
  let q = db.selectFrom('agents').innerJoin('sites', 'sites.id', 'agents.site_id').select(columns);
  if (filter.role) q = q.where('agents.role', '=', filter.role);
  if (filter.siteId) q = q.where('agents.site_id', '=', filter.siteId);
  const rows = await q.orderBy('agents.display_name').orderBy('agents.id').execute();
  return rows.map(toAgentWithSite);
}

export { columns as agentWithSiteColumns };
