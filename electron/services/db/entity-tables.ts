// Where each synced entity lives in the replica: its table and the columns extracted from the row
// for queries (everything else stays in `data`). applyChanges and the optimistic patches write
// rows through this one table, so adding an entity is one line here and one migration.
import type { SyncEntityName, SyncEntityRow } from '../../../contract/sync.ts';

type Value = string | number | null;
type Extractors<E extends SyncEntityName> = Record<string, (row: SyncEntityRow<E>) => Value>;

export const ENTITY_COLUMNS: { [E in SyncEntityName]: Extractors<E> } = {
  article: { category: (a) => a.category, title: (a) => a.title, updated_at: (a) => a.updatedAt },
  tariff: { name: (t) => t.name },
  extra_service: { name: (s) => s.name },
  agent: { login: (a) => a.login, display_name: (a) => a.displayName, role: (a) => a.role, site_id: (a) => a.siteId },
  customer: { account_number: (c) => c.accountNumber, full_name: (c) => c.fullName },
  conversation: {
    customer_id: (c) => c.customerId,
    assignee_id: (c) => c.assigneeId,
    status: (c) => c.status,
    channel: (c) => c.channel,
    updated_at: (c) => c.updatedAt,
  },
  message: { conversation_id: (m) => m.conversationId, created_at: (m) => m.createdAt },
  call: { conversation_id: (c) => c.conversationId, agent_id: (c) => c.agentId, started_at: (c) => c.startedAt, customer_id: (c) => c.customerId },
  script: { category: (s) => s.category, title: (s) => s.title },
  payment: { customer_id: (p) => p.customerId, paid_at: (p) => p.paidAt },
  promotion: { ends_on: (p) => p.endsOn },
  wrap_up_code: { category: (w) => w.category, sort: (w) => w.sort },
  task: { assignee_id: (t) => t.assigneeId, status: (t) => t.status, due_at: (t) => t.dueAt },
  connection_request: { created_by: (r) => r.createdBy, created_at: (r) => r.createdAt },
  canned_response: { language: (c) => c.language, sort: (c) => c.sort },
};

/** The table of an entity: the entity name itself (a closed list, so safe to put in SQL). */
export const tableOf = (entity: SyncEntityName): string => `"${entity}"`;

export function columnNames(entity: SyncEntityName): string[] {
  return Object.keys(ENTITY_COLUMNS[entity]);
}

/** The extractors of columnNames(entity), in the same order. */
export function columnExtractors(entity: SyncEntityName): Array<(row: unknown) => Value> {
  return Object.values(ENTITY_COLUMNS[entity] as Extractors<SyncEntityName>) as Array<(row: unknown) => Value>;
}
