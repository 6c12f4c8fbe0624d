// One article, rendered from Markdown by react-markdown: it builds React elements and never inserts
// HTML, raw HTML in the source is shown as text, and links open only through the host's checked
// shell.openExternal (http/https).
import { Anchor, Badge, Group, Loader, Paper, ScrollArea, Text, Title, Typography } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';
import { useTranslation } from 'react-i18next';
import { usePult } from '../../api/api-context.tsx';
import { useKbArticle } from './use-kb.ts';
import { ArticleFeedback } from './ArticleFeedback.tsx';

export function ArticleView({ id }: { id: string | null }) {
  const { t, i18n } = useTranslation();
  const api = usePult();
  const article = useKbArticle(id);
  if (!id) return <Text c="dimmed" size="sm" p="md">{t('kb.pickArticle')}</Text>;
  if (article.isPending) return <Loader size="sm" m="md" />;
  if (!article.data) return <Text c="dimmed" size="sm" p="md">{t('kb.articleGone')}</Text>;
  const a = article.data;

  const components: Components = {
    a: ({ href, children }) => (
      <Anchor
        href={href}
        onClick={(e) => {
          e.preventDefault();
          if (href && /^https?:\/\//i.test(href)) void api.invoke('shell.openExternal', { url: href });
        }}
      >
        {children}
      </Anchor>
    ),
    img: ({ alt }) => <Text span c="dimmed">[{alt ?? t('kb.image')}]</Text>,
  };
  return (
    <Paper withBorder p="md" h="100%" data-testid="kb-article">
      <ScrollArea h="100%" type="auto">
        <Group gap="xs" mb="xs">
          <Badge variant="light">{t(`kb.categories.${a.category}`)}</Badge>
          <Text size="xs" c="dimmed">
            {t('kb.updated', { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(a.updatedAt)) })}
          </Text>
        </Group>
        <Title order={2} size="h3" mb="sm" data-testid="kb-article-title">
          {a.title}
        </Title>
        <Typography>
          <Markdown components={components} skipHtml>
            {a.body}
          </Markdown>
        </Typography>
        <ArticleFeedback key={a.id} articleId={a.id} />
      </ScrollArea>
    </Paper>
  );
}
