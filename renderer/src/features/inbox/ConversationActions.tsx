// The conversation header's toolbar: who handles it, «Взять себе» / «Вернуть в очередь» /
// «Передать…» (operators from the replica's agent directory), the status and the category. Every
// action is queued (offline too) and shown at once; what still waits for the server is marked, and
// a refusal is said in words with what to do. Only the actions the server would accept are offered
// (conversation-action-rights.ts). Tab reaches every control; the pickers work with the keyboard.
import { useState } from 'react';
import { Alert, Button, CloseButton, Group, Select, Text } from '@mantine/core';
import { IconArrowBackUp, IconClockHour4, IconHandGrab, IconUserShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES } from '../../../../contract/domain/article.ts';
import { CONVERSATION_STATUSES, type Conversation } from '../../../../contract/domain/conversation.ts';
import { useSession } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { actionRights } from './conversation-action-rights.ts';
import { refusalWords } from './conversation-action-refusal.ts';
import { useActionRefusal, useConversationAction, useConversationActionsState, type ActionRequest } from './use-conversation-actions.ts';
import './conversation-actions.css';

const NO_CATEGORY = 'none';

export function ConversationActions({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useSession().data?.agent;
  const state = useConversationActionsState(c.id);
  const action = useConversationAction();
  const [refusal, dismiss] = useActionRefusal(c.id);
  const [picking, setPicking] = useState(false);
  if (!me) return null;

  const rights = actionRights(c, me);
  const assignees = state.data?.assignees ?? [];
  const names: Record<string, string> = Object.fromEntries(assignees.map((a) => [a.id, a.displayName]));
  // The assignee may be no operator (seeded or older data): their name comes from the directory.
  if (c.assigneeId && state.data?.assigneeName) names[c.assigneeId] ??= state.data.assigneeName;
  const pending = state.data?.pending ?? [];
  const run = (r: ActionRequest) => {
    dismiss();
    action.mutate(r);
  };
  const assign = (assigneeId: string | null) => run({ action: 'conversation.assign', args: { conversationId: c.id, assigneeId } });

  const holder =
    c.assigneeId === null
      ? t('conversationActions.free')
      : c.assigneeId === me.id
        ? t('conversationActions.heldByMe')
        : t('conversationActions.heldBy', { name: names[c.assigneeId] ?? t('conversationActions.unknownAgent') });
  const others = assignees.filter((a) => a.id !== c.assigneeId).map((a) => ({ value: a.id, label: a.displayName }));

  return (
    <div className="pult-conv-actions" role="toolbar" aria-label={t('conversationActions.label')} data-testid="conv-actions">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500} className="pult-conv-actions__holder" data-testid="conv-holder">
          {holder}
        </Text>
        {rights.take && (
          <Button size="xs" leftSection={<IconHandGrab size={14} />} onClick={() => assign(me.id)} data-testid="conv-take">
            {t('conversationActions.take')}
          </Button>
        )}
        {rights.giveBack && (
          <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => assign(null)} data-testid="conv-return">
            {t('conversationActions.giveBack')}
          </Button>
        )}
        {rights.handOver &&
          (picking ? (
            <Group gap={4} wrap="nowrap">
              <Select
                size="xs"
                w={220}
                aria-label={t('conversationActions.handOverTo')}
                placeholder={t('conversationActions.handOverPlaceholder')}
                data={others}
                searchable
                autoFocus
                defaultDropdownOpened
                nothingFoundMessage={t('conversationActions.noAssignees')}
                onChange={(id) => {
                  if (!id) return;
                  setPicking(false);
                  assign(id);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') setPicking(false);
                }}
                data-testid="conv-handover-select"
              />
              <CloseButton size="sm" aria-label={t('conversationActions.cancel')} onClick={() => setPicking(false)} />
            </Group>
          ) : (
            <Button size="xs" variant="default" leftSection={<IconUserShare size={14} />} onClick={() => setPicking(true)} data-testid="conv-handover">
              {t(c.assigneeId === null ? 'conversationActions.assign' : 'conversationActions.handOver')}
            </Button>
          ))}
      </Group>
      <Group gap="xs" mt={6} wrap="wrap">
        <Select
          size="xs"
          w={170}
          label={t('conversationActions.status')}
          data={CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
          value={c.status}
          allowDeselect={false}
          disabled={!rights.edit}
          onChange={(s) => {
            const status = CONVERSATION_STATUSES.find((x) => x === s);
            if (status && status !== c.status) run({ action: 'conversation.setStatus', args: { conversationId: c.id, status } });
          }}
          data-testid="conv-status"
        />
        <Select
          size="xs"
          w={210}
          label={t('conversationActions.category')}
          data={[{ value: NO_CATEGORY, label: t('conversationActions.noCategory') }, ...ARTICLE_CATEGORIES.map((k) => ({ value: k, label: t(`kb.categories.${k}`) }))]}
          value={c.category ?? NO_CATEGORY}
          allowDeselect={false}
          disabled={!rights.edit}
          onChange={(v) => {
            const category = ARTICLE_CATEGORIES.find((x) => x === v) ?? null;
            if (v && category !== c.category) run({ action: 'conversation.setCategory', args: { conversationId: c.id, category } });
          }}
          data-testid="conv-category"
        />
      </Group>
      {c.status === 'resolved' && rights.edit && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('conversationActions.resolvedHint')}
        </Text>
      )}
      {pending.length > 0 && (
        <Text size="xs" c="orange.8" mt={4} role="status" data-testid="conv-actions-pending">
          <IconClockHour4 size={13} className="pult-conv-actions__icon" />
          {t('conversationActions.pending', { count: pending.length, what: [...new Set(pending.map((p) => t(`conversationActions.what.${p.name}`)))].join(', ') })}
        </Text>
      )}
      {action.error && (
        <Text size="xs" c="red" mt={4} role="alert">
          {t('conversationActions.failed', { reason: errorMessage(t, action.error) })}
        </Text>
      )}
      {refusal && (
        <Alert
          mt={6}
          color="red"
          variant="light"
          role="alert"
          withCloseButton
          closeButtonLabel={t('conversationActions.dismiss')}
          onClose={dismiss}
          title={t('conversationActions.refusedTitle', { what: t(`conversationActions.what.${refusal.name}`) })}
          data-testid="conv-actions-refused"
        >
          {refusalWords(t, refusal, { conversation: c, me: me.id, names })}
        </Alert>
      )}
    </div>
  );
}
