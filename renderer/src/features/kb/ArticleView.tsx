// One article from the replica: section, date, title, tags, the text (ArticleContent.tsx), and the
// "did it help?" question. The star is everyone's; editing and history are for the editors.
import { useState } from 'react';
import { Badge, Button, Group, Loader, Paper, ScrollArea, Text } from '@mantine/core';
import { IconHistory, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../../../contract/domain/article.ts';
import { useKbArticle } from './use-kb.ts';
import { useMarkOpened } from './use-kb-saved.ts';
import { useKbRoles } from './use-kb-roles.ts';
import { ArticleContent } from './ArticleContent.tsx';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ArticleFeedback } from './ArticleFeedback.tsx';
import { ArticleHistory } from './ArticleHistory.tsx';
import { FavouriteToggle } from './FavouriteToggle.tsx';

export function ArticleView({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const article = useKbArticle(id);
  useMarkOpened(article.data?.id);
  if (!id) return <Text c="dimmed" size="sm" p="md">{t('kb.pickArticle')}</Text>;
  if (article.isPending) return <Loader size="sm" m="md" />;
  if (!article.data) return <Text c="dimmed" size="sm" p="md">{t('kb.articleGone')}</Text>;
  return <Shown key={article.data.id} article={article.data} />;
}

function Shown({ article: a }: { article: Article }) {
  const { t, i18n } = useTranslation();
  const { canEdit } = useKbRoles();
  const [dialog, setDialog] = useState<'edit' | 'history' | null>(null);
  return (
    <Paper withBorder p="md" h="100%" data-testid="kb-article" data-article-id={a.id}>
      <ScrollArea h="100%" type="auto">
        <Group gap="xs" mb="xs" justify="space-between" wrap="nowrap" align="center">
          <Group gap="xs">
            <Badge variant="light">{t(`kb.categories.${a.category}`)}</Badge>
            <Text size="xs" c="dimmed">
              {t('kb.updated', { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(a.updatedAt)) })}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            {canEdit && (
              <>
                <Button size="xs" variant="default" leftSection={<IconHistory size={14} aria-hidden />} onClick={() => setDialog('history')} data-testid="kb-history">
                  {t('kb.history.button')}
                </Button>
                <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setDialog('edit')} data-testid="kb-edit">
                  {t('kb.edit.edit')}
                </Button>
              </>
            )}
            <FavouriteToggle articleId={a.id} />
          </Group>
        </Group>
        <ArticleContent article={a} titleTestId="kb-article-title" />
        <ArticleFeedback key={a.id} articleId={a.id} />
      </ScrollArea>
      {dialog === 'edit' && <ArticleEditor article={a} onClose={() => setDialog(null)} />}
      {dialog === 'history' && <ArticleHistory article={a} onClose={() => setDialog(null)} />}
    </Paper>
  );
}
