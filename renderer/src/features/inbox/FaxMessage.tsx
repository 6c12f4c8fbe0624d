// A fax: its pages (the attached PDF or TIFF files, one entry a page file) and the cover text. Until
// the server's fax gateway stores pages, the replica has none, and the view says so in words.
import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../contract/domain/conversation.ts';
import { formatDateTime } from '../customers/format.ts';
import { fileSize } from './AttachmentList.tsx';

export function FaxMessage({ message, sender }: { message: Message; sender: string }) {
  const { t, i18n } = useTranslation();
  const pages = (message.attachments ?? []).filter((a) => /^(application\/pdf|image\/)/.test(a.mimeType));
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
        <Group gap="xs" mt={4}>
          {pages.map((p, i) => {
            const Icon = p.mimeType === 'application/pdf' ? IconFileTypePdf : IconPhoto;
            return (
              <Stack key={p.id} gap={2} align="center" className="pult-fax-page" data-testid="fax-page">
                <Icon size={28} stroke={1.3} aria-hidden />
                <Text size="xs">{t('inbox.fax.page', { n: i + 1 })}</Text>
                <Text size="xs" c="dimmed">{fileSize(p.size, i18n.language)}</Text>
              </Stack>
            );
          })}
        </Group>
      )}
      {message.body.trim() && (
        <Text size="sm" mt={8} className="pult-fax-cover" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</Text>
      )}
    </Paper>
  );
}
