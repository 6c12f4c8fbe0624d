// A fax: its pages drawn as pictures (each attached PDF, TIFF, PNG or JPEG file, brought from the
// server by the main process once it scrolls into view: FaxPages.tsx) and the cover text. A fax that
// came without such files says so in words.
import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../contract/domain/conversation.ts';
import { formatDateTime } from '../customers/format.ts';
import { FaxPageFile } from './FaxPages.tsx';

export function FaxMessage({ message, sender }: { message: Message; sender: string }) {
  const { t, i18n } = useTranslation();
  const pages = (message.attachments ?? []).filter((a) => /^(application\/pdf|image\/(tiff|tif|png|jpeg))$/i.test(a.mimeType) || /\.(pdf|tiff?)$/i.test(a.fileName));
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="thread-message" data-direction={message.direction} data-look="fax">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} truncate>{sender}</Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(message.createdAt, i18n.language)}</Text>
      </Group>
      <Text size="xs" fw={600} mt={6}>{t('inbox.fax.pages')}</Text>
      {pages.length === 0 ? (
        <Text size="xs" c="dimmed" data-testid="fax-no-pages">{t('inbox.fax.noPages')}</Text>
      ) : (
        <Stack gap="sm" mt={4}>
          {pages.map((p, i) => <FaxPageFile key={p.id} file={p} index={i} />)}
        </Stack>
      )}
      {message.body.trim() && (
        <Text size="sm" mt={8} className="pult-fax-cover" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</Text>
      )}
    </Paper>
  );
}
