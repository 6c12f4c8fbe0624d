// One conversation as the replica holds it: customer's messages on the left, replies on the right,
// internal notes in yellow with their author, notes still in the outbox marked "waiting to be
// sent"; a note composer at the bottom. Bodies are shown as plain text, never as HTML.
import { Alert, Badge, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../contract/domain/conversation.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { formatDateTime } from '../customers/format.ts';
import { NoteComposer } from './NoteComposer.tsx';
import { useConversation } from './use-conversations.ts';

const LOOK: Record<Message['direction'], { align: 'flex-start' | 'flex-end'; bg: string }> = {
  in: { align: 'flex-start', bg: 'var(--mantine-color-default-hover)' },
  out: { align: 'flex-end', bg: 'var(--mantine-color-blue-light)' },
  internal_note: { align: 'flex-end', bg: 'var(--mantine-color-yellow-light)' },
};

function Bubble({ who, when, body, direction, queued }: { who: string; when: string; body: string; direction: Message['direction']; queued?: boolean }) {
  const { t } = useTranslation();
  const look = LOOK[direction];
  return (
    <Paper p="xs" radius="md" maw="85%" style={{ alignSelf: look.align, background: look.bg }} data-testid="thread-message" data-direction={direction} data-queued={queued ? 'true' : undefined}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600}>
          {who}
        </Text>
        <Text size="xs" c="dimmed">
          {when}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {body}
      </Text>
      {queued && (
        <Tooltip label={t('conversations.queuedHint')} multiline w={260} withArrow>
          <Badge size="xs" variant="light" color="orange" mt={4} leftSection={<IconClockHour4 size={10} aria-hidden />}>
            {t('conversations.queued')}
          </Badge>
        </Tooltip>
      )}
    </Paper>
  );
}

export function ConversationThread({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const thread = useConversation(id);
  if (thread.isPending) return <Loader size="sm" m="md" />;
  if (thread.error) return <Text c="red" size="sm">{errorMessage(t, thread.error)}</Text>;
  if (!thread.data) return <Alert color="gray">{t('conversations.gone')}</Alert>;
  const { messages, authors, queuedNotes } = thread.data;
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const who = (m: Message) =>
    m.direction === 'internal_note' && m.authorAgentId && authors[m.authorAgentId]
      ? t('conversations.noteBy', { name: authors[m.authorAgentId] })
      : t(`conversations.from.${m.direction}`);
  return (
    <Stack gap="sm" data-testid="conversation-thread">
      {messages.length === 0 && queuedNotes.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('conversations.empty')}
        </Text>
      )}
      <Stack gap={6}>
        {messages.map((m) => (
          <Bubble key={m.id} who={who(m)} when={when(m.createdAt)} body={m.body} direction={m.direction} />
        ))}
        {queuedNotes.map((n) => (
          <Bubble key={n.noteId} who={t('conversations.from.internal_note')} when={when(n.queuedAt)} body={n.body} direction="internal_note" queued />
        ))}
      </Stack>
      <NoteComposer conversationId={id} />
    </Stack>
  );
}
