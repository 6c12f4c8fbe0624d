// The knowledge base: articles, troubleshooting scripts and (for quality and supervisors) what the
// operators said about the articles. Articles: search as you type over the local replica (works
// offline), category filters, results with the matched words marked, the article beside them;
// with the search box empty, the agent's favourites and recently opened ones. Keyboard: the search
// field has focus; ↓/↑ move through the list, Enter opens one.
import { useState } from 'react';
import { Badge, Button, Chip, Group, NavLink, Paper, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES, type ArticleCategory } from '../../../../contract/domain/article.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ArticleView } from './ArticleView.tsx';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { SavedLists } from './SavedLists.tsx';
import { ScriptsPanel } from './ScriptsPanel.tsx';
import { Snippet } from './Snippet.tsx';
import { useKbSearch } from './use-kb.ts';
import { useKbRoles } from './use-kb-roles.ts';
import { useKbSaved } from './use-kb-saved.ts';
import { useResultKeys } from '../../ui/use-result-keys.ts';
import { SectionSearchField } from '../../ui/SectionSearchField.tsx';

type Mode = 'articles' | 'scripts' | 'feedback';

export function KbPage() {
  const { t } = useTranslation();
  const { canEdit, canSeeFeedback } = useKbRoles();
  const [mode, setMode] = useState<Mode>('articles');
  // Kept here so the feedback tab and a new article can open one in the articles tab.
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const open = (id: string) => {
    setSelected(id);
    setMode('articles');
  };
  const modes = [
    { value: 'articles', label: t('kb.articles') },
    { value: 'scripts', label: t('scripts.title') },
    ...(canSeeFeedback ? [{ value: 'feedback', label: t('kb.feedbackView.tab') }] : []),
  ];
  return (
    <Stack gap="sm" h="calc(100vh - 180px)" data-testid="kb-page">
      <Group justify="space-between" gap="sm">
        <SegmentedControl data-testid="kb-mode" w="fit-content" value={mode} onChange={(v) => setMode(v as Mode)} data={modes} />
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="kb-new-article">
            {t('kb.edit.newArticle')}
          </Button>
        )}
      </Group>
      {mode === 'articles' && <Articles selected={selected} setSelected={setSelected} />}
      {mode === 'scripts' && <ScriptsPanel />}
      {mode === 'feedback' && <FeedbackPanel onOpenArticle={open} />}
      {creating && <ArticleEditor article={null} onClose={() => setCreating(false)} onSaved={(a) => open(a.id)} />}
    </Stack>
  );
}

function Articles({ selected, setSelected }: { selected: string | null; setSelected(id: string): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [categories, setCategories] = useState<ArticleCategory[]>([]);
  const search = useKbSearch(query, categories);
  const saved = useKbSaved();
  const searching = query.trim().length > 0;
  const hits = searching ? (search.data?.hits ?? []) : [];
  const favourites = saved.data?.favourites ?? [];
  const recent = saved.data?.recent ?? [];
  // The keyboard walks whichever list is shown: results, or favourites then recent.
  const ids = searching ? hits.map((h) => h.id) : [...favourites, ...recent].map((a) => a.id);
  const { cursor, setCursor, onKeyDown: onKey } = useResultKeys(ids, setSelected);

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
            <ResultsHeader query={query} total={search.data?.total} more={search.data?.moreThanTotal ?? false} fallback={search.data?.usedFallback ?? false} error={search.error ? errorMessage(t, search.error) : null} />
            {!searching && (
              <SavedLists
                favourites={favourites}
                recent={recent}
                selected={selected}
                cursor={cursor}
                onOpen={(id, i) => {
                  setSelected(id);
                  setCursor(i);
                }}
              />
            )}
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

function ResultsHeader({ query, total, more, fallback, error }: { query: string; total: number | undefined; more: boolean; fallback: boolean; error: string | null }) {
  const { t } = useTranslation();
  let text: string;
  if (error) text = error;
  else if (!query.trim()) text = t('kb.typeToSearch');
  else if (total === undefined) text = t('app.loading');
  else if (total === 0) text = t('kb.nothingFound');
  else if (more) text = t(fallback ? 'kb.foundSimilarMore' : 'kb.foundMore', { count: total });
  else text = fallback ? t('kb.foundSimilar', { count: total }) : t('kb.found', { count: total });
  return (
    <Text size="xs" c={error ? 'red' : 'dimmed'} px="sm" py={6} data-testid="kb-results-summary" role="status">
      {text}
    </Text>
  );
}
