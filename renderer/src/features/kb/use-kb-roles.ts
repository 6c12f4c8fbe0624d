// What the signed-in agent may do in the knowledge base beyond reading. The server checks the role
// on every call anyway; this only hides what would be refused.
import { KB_EDITOR_ROLES, KB_FEEDBACK_ROLES } from '../../../../contract/kb-editing.ts';
import type { Role } from '../../../../contract/domain/agent.ts';
import { useSession } from '../../api/hooks.ts';

export function useKbRoles(): { canEdit: boolean; canSeeFeedback: boolean } {
  const role = useSession().data?.agent.role;
  const among = (roles: readonly Role[]) => role !== undefined && roles.includes(role);
  return { canEdit: among(KB_EDITOR_ROLES), canSeeFeedback: among(KB_FEEDBACK_ROLES) };
}
