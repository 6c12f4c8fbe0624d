// An article as the operator reads it: title, tags and the Markdown text. The article view and the
// editor's preview use this one component, so the preview is exactly what will be shown.
// react-markdown builds React elements and never inserts HTML; raw HTML in the source is skipped,
// pictures come only from the replica's cache (KbImage), and links open only through the host's checked
// shell.openExternal (http/https).
import { Anchor, Badge, Group, Title, Typography } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../../../contract/domain/article.ts';
import { usePult } from '../../api/api-context.tsx';
import { KbImage, kbUrlTransform } from './KbImage.tsx';

export function ArticleContent({ article, titleTestId }: { article: Pick<Article, 'title' | 'tags' | 'body'>; titleTestId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={2} size="h3" mb="xs" data-testid={titleTestId}>
        {article.title}
      </Title>
      {article.tags.length > 0 && (
        <Group gap={4} mb="sm" aria-label={t('kb.edit.tags')}>
          {article.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="default" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
      <ArticleBody markdown={article.body} />
    </>
  );
}

function ArticleBody({ markdown }: { markdown: string }) {
  const { t } = useTranslation();
  const api = usePult();
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
    // Our pictures (kb-image:NAME) from the replica's cache; anything else is never loaded.
    img: ({ src, alt }) => <KbImage src={typeof src === 'string' ? src : undefined} alt={alt ?? t('kb.image')} />,
  };
  return (
    <Typography>
      <Markdown components={components} skipHtml urlTransform={kbUrlTransform}>
        {markdown}
      </Markdown>
    </Typography>
  );
}
