// The audit log: who did what to which record, and which fields — never the values.
import type { Kysely } from 'kysely';
import type { AuditAction, AuditEntry, AuditQuery } from '../../../../contract/index.ts';
import type { DB } from '../schema.ts';

export interface AuditRecord {
  action: AuditAction;
  actorAgentId?: string | null;
  actorLogin?: string | null;
  targetType?: 'agent' | 'customer' | 'article' | null;
  targetId?: string | null;
  fields?: string[];
  ip?: string | null;
}

export async function writeAudit(db: Kysely<DB>, e: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      action: e.action,
      actor_agent_id: e.actorAgentId ?? null,
      actor_login: e.actorLogin ?? null,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      fields: e.fields ?? [],
      ip: e.ip ?? null,
    })
    .execute();
}

export async function readAudit(db: Kysely<DB>, q: AuditQuery): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  let s = db.selectFrom('audit_log').selectAll();
  if (q.action) s = s.where('action', '=', q.action);
  if (q.actorAgentId) s = s.where('actor_agent_id', '=', q.actorAgentId);
  if (q.targetId) s = s.where('target_id', '=', q.targetId);
  if (q.before) s = s.where('id', '<', q.before);
  const rows = await s.orderBy('id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action as AuditAction,
      actorAgentId: r.actor_agent_id,
      actorLogin: r.actor_login,
      targetType: r.target_type as AuditEntry['targetType'],
      targetId: r.target_id,
      fields: r.fields,
      ip: r.ip,
    })),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}
