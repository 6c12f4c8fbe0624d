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

export const AgentId = z.uuid();
export const Agent = z.object({
  id: AgentId,
  login: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  role: Role,
  siteId: SiteId,
});
export type Agent = z.infer<typeof Agent>;
