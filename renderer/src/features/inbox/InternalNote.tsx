// An internal note in a thread: yellow, dashed, full width, with its author — never mistaken for
// something the customer saw. A note still in the outbox says "waiting to be sent".
import { Badge, Group, Paper, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../customers/format.ts';

export function InternalNote({ author, body, at, queued }: { author: string | null; body: string; at: string; queued?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper p="xs" radius="sm" className="pult-note" data-testid="thread-message" data-direction="internal_note" data-queued={queued ? 'true' : undefined}>
      <Group justify="space-between" gap={6} wrap="nowrap">
        <Group gap={4} wrap="nowrap">
          <IconLock size={12} aria-hidden />
          <Text size="xs" fw={600}>{author ? t('inbox.note', { name: author }) : t('inbox.noteNoAuthor')}</Text>
          {queued && <Badge size="xs" variant="light" color="orange">{t('inbox.queued')}</Badge>}
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, i18n.language)}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{body}</Text>
    </Paper>
  );
}
