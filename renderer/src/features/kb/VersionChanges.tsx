// One version against the one before it: changed section, title and tags in words, the text as a
// line/word diff. The first version has nothing before it and is shown as it was.
import { useMemo } from 'react';
import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ArticleVersion } from '../../../../contract/kb-editing.ts';
import { ArticleContent } from './ArticleContent.tsx';
import { DiffView } from './DiffView.tsx';
import { diffText } from './text-diff.ts';

export function VersionChanges({ version: v, previous: p }: { version: ArticleVersion; previous: ArticleVersion | null }) {
  const { t } = useTranslation();
  const diff = useMemo(() => (p ? diffText(p.body, v.body) : null), [p, v.body]);
  if (!p || !diff)
    return (
      <Stack gap="xs" data-testid="kb-version-changes">
        <Text size="sm" c="dimmed">
          {t('kb.history.first')}
        </Text>
        <Paper withBorder p="sm">
          <ArticleContent article={v} />
        </Paper>
      </Stack>
    );
  const tags = (x: string[]) => (x.length ? x.join(', ') : t('kb.history.noTags'));
  const fields = [
    p.title !== v.title && t('kb.history.changedTitle', { before: p.title, after: v.title }),
    p.category !== v.category && t('kb.history.changedCategory', { before: t(`kb.categories.${p.category}`), after: t(`kb.categories.${v.category}`) }),
    tags(p.tags) !== tags(v.tags) && t('kb.history.changedTags', { before: tags(p.tags), after: tags(v.tags) }),
  ].filter((f): f is string => typeof f === 'string');
  return (
    <Stack gap="xs" data-testid="kb-version-changes">
      <Title order={3} size="h5">
        {t('kb.history.comparedWith', { revision: v.revision, previous: p.revision })}
      </Title>
      {fields.length > 0 && (
        <List size="sm" spacing={2}>
          {fields.map((f) => (
            <List.Item key={f}>{f}</List.Item>
          ))}
        </List>
      )}
      {diff.changed ? (
        <>
          <Text size="xs" c="dimmed">
            {t('kb.history.legend')}
          </Text>
          <DiffView diff={diff} />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('kb.history.unchangedText')}
        </Text>
      )}
    </Stack>
  );
}
