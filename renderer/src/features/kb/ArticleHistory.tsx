// An article's versions (editors): newest first with who, when and why; the chosen one compared
// with the version before it. Read from the server, so it needs the connection.
import { useState } from 'react';
import { Alert, Group, Loader, Modal, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../../../contract/domain/article.ts';
import type { ArticleVersion } from '../../../../contract/kb-editing.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { isNoConnection } from './no-connection.ts';
import { useArticleHistory } from './use-kb-editing.ts';
import { VersionChanges } from './VersionChanges.tsx';

export function ArticleHistory({ article, onClose }: { article: Article; onClose(): void }) {
  const { t } = useTranslation();
  const history = useArticleHistory(article.id);
  const [selected, setSelected] = useState(0);
  const versions = history.data?.versions ?? [];
  let content: React.ReactNode;
  if (history.isPending) content = <Loader size="sm" />;
  else if (history.error)
    content = (
      <Alert color={isNoConnection(history.error) ? 'yellow' : 'red'} variant="light" role="alert" icon={<IconCloudOff size={18} aria-hidden />} data-testid="kb-history-error">
        {isNoConnection(history.error) ? t('kb.history.offline') : errorMessage(t, history.error)}
      </Alert>
    );
  else if (versions.length === 0) content = <Text size="sm" c="dimmed">{t('kb.history.none')}</Text>;
  else
    content = (
      <Group align="flex-start" gap="md" wrap="nowrap">
        <VersionList versions={versions} selected={selected} onSelect={setSelected} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <VersionChanges version={versions[selected]!} previous={versions[selected + 1] ?? null} />
        </div>
      </Group>
    );
  return (
    <Modal opened onClose={onClose} size="70rem" title={<Title order={2} size="h4">{t('kb.history.title', { title: article.title })}</Title>}>
      <div data-testid="kb-history-dialog">{content}</div>
    </Modal>
  );
}

function VersionList({ versions, selected, onSelect }: { versions: ArticleVersion[]; selected: number; onSelect(i: number): void }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ScrollArea.Autosize mah="70vh" w={300} style={{ flexShrink: 0 }} type="auto">
      <Stack gap={2} role="listbox" aria-label={t('kb.history.versions')}>
        {versions.map((v, i) => (
          <NavLink
            key={v.revision}
            role="option"
            aria-selected={i === selected}
            active={i === selected}
            variant="light"
            className="pult-nav-link"
            data-testid="kb-version"
            onClick={() => onSelect(i)}
            label={
              <Text size="sm" fw={600}>
                {t('kb.history.revision', { revision: v.revision })} · {when.format(new Date(v.editedAt))}
              </Text>
            }
            description={
              <>
                <Text span size="xs" display="block">
                  {v.editedBy?.displayName ?? t('kb.history.imported')}
                </Text>
                <Text span size="xs" c="dimmed" fs={v.note ? undefined : 'italic'} display="block" lineClamp={2}>
                  {v.note ?? t('kb.history.noNote')}
                </Text>
              </>
            }
          />
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
