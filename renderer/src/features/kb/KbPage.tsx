// The knowledge base: articles and troubleshooting scripts. Articles: search as you type over the local replica (works offline), category filters,
// results with the matched words marked, the article beside them. Keyboard: the search field has
// focus; ↓/↑ move through the results, Enter opens one.
import { useState } from 'react';
import { Badge, Chip, Group, NavLink, Paper, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES, type ArticleCategory } from '../../../../contract/domain/article.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { ArticleView } from './ArticleView.tsx';
import { ScriptsPanel } from './ScriptsPanel.tsx';
import { Snippet } from './Snippet.tsx';
import { useKbSearch } from './use-kb.ts';
import { useResultKeys } from '../../ui/use-result-keys.ts';
import { SectionSearchField } from '../../ui/SectionSearchField.tsx';

export function KbPage() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'articles' | 'scripts'>('articles');
  return (
    <Stack gap="sm" h="calc(100vh - 180px)" data-testid="kb-page">
      <SegmentedControl
        data-testid="kb-mode"
        w="fit-content"
        value={mode}
        onChange={(v) => setMode(v as 'articles' | 'scripts')}
        data={[
          { value: 'articles', label: t('kb.articles') },
          { value: 'scripts', label: t('scripts.title') },
        ]}
      />
      {mode === 'articles' ? <Articles /> : <ScriptsPanel />}
    </Stack>
  );
}

function Articles() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [categories, setCategories] = useState<ArticleCategory[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const search = useKbSearch(query, categories);
  const hits = search.data?.hits ?? [];

  const { cursor, setCursor, onKeyDown: onKey } = useResultKeys(hits.map((h) => h.id), setSelected);

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <SectionSearchField
        testId="kb-search"
        label={t('kb.search')}
        placeholder={t('kb.searchPlaceholder')}
        value={query}
        fetching={search.isFetching}
        onChange={(v) => {
          setQuery(v);
          setCursor(0);
        }}
        onKeyDown={onKey}
      />
      <Chip.Group multiple value={categories} onChange={(v) => setCategories(v as ArticleCategory[])}>
        <Group gap={6} aria-label={t('kb.categoriesLabel')}>
          {ARTICLE_CATEGORIES.map((c) => (
            <Chip key={c} value={c} size="xs" variant="light" data-testid={`kb-category-${c}`}>
              {t(`kb.categories.${c}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Paper withBorder w={420} style={{ flexShrink: 0 }}>
          <ScrollArea h="100%" type="auto">
            <ResultsHeader query={query} total={search.data?.total} fallback={search.data?.usedFallback ?? false} error={search.error ? errorMessage(t, search.error) : null} />
            <Stack gap={0} role="listbox" aria-label={t('kb.results')} data-testid="kb-results">
              {hits.map((h, i) => (
                <NavLink
                  key={h.id}
                  role="option"
                  aria-selected={h.id === selected}
                  data-testid="kb-hit"
                  active={h.id === selected || i === cursor}
                  variant="light"
                  onClick={() => {
                    setSelected(h.id);
                    setCursor(i);
                  }}
                  label={
                    <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
                      <Text size="sm" fw={600} lineClamp={2}>
                        {h.title}
                      </Text>
                      <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
                        {t(`kb.categories.${h.category}`)}
                      </Badge>
                    </Group>
                  }
                  description={<Snippet segments={h.snippet} />}
                />
              ))}
            </Stack>
          </ScrollArea>
        </Paper>
        <div style={{ flex: 1, minWidth: 0 }}>
          <ArticleView id={selected} />
        </div>
      </Group>
    </Stack>
  );
}

function ResultsHeader({ query, total, fallback, error }: { query: string; total: number | undefined; fallback: boolean; error: string | null }) {
  const { t } = useTranslation();
  let text: string;
  if (error) text = error;
  else if (!query.trim()) text = t('kb.typeToSearch');
  else if (total === undefined) text = t('app.loading');
  else if (total === 0) text = t('kb.nothingFound');
  else text = fallback ? t('kb.foundSimilar', { count: total }) : t('kb.found', { count: total });
  return (
    <Text size="xs" c={error ? 'red' : 'dimmed'} px="sm" py={6} data-testid="kb-results-summary" role="status">
      {text}
    </Text>
  );
}
