// Agents, their roles and the sites they work from.
import { z } from 'zod';

export const ROLES = ['operator', 'personal_manager', 'supervisor', 'quality_manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Offices in Moscow, the Moscow region and Kaluga, plus operators working from home. */
export const SITE_IDS = ['msk', 'mo', 'kaluga', 'home'] as const;
export const SiteId = z.enum(SITE_IDS);
export type SiteId = z.infer<typeof SiteId>;

export const Site = z.object({
  id: SiteId,
  name: z.string().min(1).max(200),
  timezone: z.string().min(1).max(64),
});
export type Site = z.infer<typeof Site>;

/** A team of agents: first line Moscow, Kaluga, home operators, personal managers… */
export const TeamId = z.string().regex(/^[a-z0-9_-]{1,40}$/);
export type TeamId = z.infer<typeof TeamId>;

export const AgentId = z.uuid();
export const Agent = z.object({
  id: AgentId,
  login: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  role: Role,
  siteId: SiteId,
  /** The team whose open conversations the agent sees as the team queue; null: none (absent in rows from before teams). */
  teamId: TeamId.nullable().optional(),
});
export type Agent = z.infer<typeof Agent>;
