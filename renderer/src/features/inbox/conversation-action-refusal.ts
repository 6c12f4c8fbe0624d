// A refused conversation action in words the operator can act on. The server's refusal carries a
// code and the field it is about; who holds the conversation now is read from the replica (the
// pull after the push brings it), so "already taken" names the colleague.
import type { TFunction } from 'i18next';
import type { ConversationAction } from '../../../../contract/conversation-actions-ipc.ts';
import type { Conversation } from '../../../../contract/domain/conversation.ts';
import type { PultError } from '../../../../contract/errors.ts';
import { errorMessage } from '../../i18n/error-message.ts';

export interface ActionRefusal {
  seq: number;
  name: ConversationAction;
  error: PultError;
}

const about = (e: PultError, arg: string) => e.field?.endsWith(`.${arg}`) ?? false;

export function refusalWords(t: TFunction, r: ActionRefusal, now: { conversation: Pick<Conversation, 'assigneeId' | 'status'> | null; me: string; names: Record<string, string> }): string {
  const { error } = r;
  const c = now.conversation;
  switch (error.code) {
    case 'conflict': {
      if (c?.status === 'resolved') return t('conversationActions.refused.resolved');
      const holder = c?.assigneeId;
      if (holder && holder !== now.me) {
        const name = now.names[holder];
        return name ? t('conversationActions.refused.takenBy', { name }) : t('conversationActions.refused.takenBySomeone');
      }
      return t('conversationActions.refused.changedMeanwhile');
    }
    case 'forbidden':
      if (r.name === 'conversation.assign') return t(about(error, 'assigneeId') ? 'conversationActions.refused.assignOthers' : 'conversationActions.refused.assignForbidden');
      return t('conversationActions.refused.editForbidden');
    case 'not_found':
      return t(about(error, 'assigneeId') ? 'conversationActions.refused.agentGone' : 'conversationActions.refused.conversationGone');
    case 'invalid_input':
      if (about(error, 'assigneeId')) return t('conversationActions.refused.notAnOperator');
      return errorMessage(t, error);
    default:
      return errorMessage(t, error);
  }
}
