// The operators a conversation can be handed to, read from the replica's agent directory (every
// agent's replica holds every agent): only operators hold conversations (server scope.ts), by name.
import { ASSIGNEES_MAX, type ConversationActionsState } from '../../../contract/conversation-actions-ipc.ts';
import type { Db } from '../db/open-replica-file.ts';

export function createReplicaAssignees(db: Db): { list(): ConversationActionsState['assignees'] } {
  const operators = db.prepare(
    `SELECT id, display_name AS displayName, site_id AS siteId FROM agent WHERE role = 'operator' ORDER BY display_name COLLATE NOCASE, id LIMIT ?`,
  );
  return { list: () => operators.all(ASSIGNEES_MAX) as ConversationActionsState['assignees'] };
}
