// A message's attachments by name, type and size; never opened by the app (the preview and the
// download come with the reply slice). A file the server refused says why.
import { Group, List, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MessageAttachment } from '../../../../contract/domain/conversation.ts';

export function fileSize(bytes: number, language: string): string {
  const units = language === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: u === 0 ? 0 : 1 }).format(n)} ${units[u]}`;
}

export function AttachmentList({ files }: { files: readonly MessageAttachment[] }) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return null;
  return (
    <div data-testid="message-attachments">
      <Group gap={4} mt={6}>
        <IconPaperclip size={14} aria-hidden />
        <Text size="xs" fw={600}>{t('inbox.attachments.title')}</Text>
        <Text size="xs" c="dimmed">· {t('inbox.attachments.neverOpened')}</Text>
      </Group>
      <List size="xs" spacing={2} ml="md">
        {files.map((f) => (
          <List.Item key={f.id} data-testid="message-attachment">
            <Text span size="xs" style={{ overflowWrap: 'anywhere' }}>{f.fileName}</Text>
            <Text span size="xs" c="dimmed"> · {fileSize(f.size, i18n.language)}</Text>
            {f.refused && <Text span size="xs" c="orange"> · {t(`inbox.attachments.refused.${f.refused}`)}</Text>}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
