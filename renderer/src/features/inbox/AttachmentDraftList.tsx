// Files attached to the reply being written: a picture as a thumbnail (a blob: URL of the local
// file, which the renderer's CSP allows for img-src; nothing is fetched), a PDF as an icon with its
// name and size; each with its upload's progress or failure (or, kept on this PC while offline, a
// word that it goes with the reply), and a button to remove it.
import { ActionIcon, Group, Image, Paper, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileTypePdf, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fileSize } from './AttachmentList.tsx';
import type { DraftFile } from './composer-files.ts';

export function AttachmentDraftList({ files, onRemove }: { files: readonly DraftFile[]; onRemove(key: string): void }) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Group gap={6} mt={6} data-testid="composer-files">
      {files.map((f) => (
        <Paper key={f.key} withBorder p={4} w={150} data-testid="composer-file" data-state={f.attachment?.waiting ? 'waiting' : f.state} data-name={f.file.name}>
          <Group gap={4} wrap="nowrap" align="flex-start">
            {f.previewUrl ? (
              <Image src={f.previewUrl} alt={f.file.name} w={48} h={48} fit="cover" radius="sm" data-testid="composer-file-thumb" />
            ) : (
              <IconFileTypePdf size={40} stroke={1.4} color="var(--mantine-color-red-7)" aria-label="PDF" role="img" />
            )}
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Text size="xs" truncate title={f.file.name}>{f.file.name}</Text>
              <Text size="xs" c="dimmed">{fileSize(f.file.size, i18n.language)}</Text>
            </Stack>
            <Tooltip label={t('composer.files.remove')}>
              <ActionIcon size="xs" variant="subtle" color="gray" onClick={() => onRemove(f.key)} aria-label={t('composer.files.removeNamed', { name: f.file.name })} data-testid="composer-file-remove">
                <IconX size={12} />
              </ActionIcon>
            </Tooltip>
          </Group>
          {f.state === 'uploading' && <Progress value={Math.round(f.progress * 100)} size="xs" mt={4} aria-label={t('composer.files.uploading')} />}
          {f.state === 'failed' && <Text size="xs" c="red" mt={2} role="alert">{f.error}</Text>}
          {f.state === 'ready' && f.attachment?.waiting && (
            <Text size="xs" c="orange" mt={2} data-testid="composer-file-waiting">{t('composer.files.waiting')}</Text>
          )}
        </Paper>
      ))}
    </Group>
  );
}
