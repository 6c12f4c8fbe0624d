// The article editor (quality manager, admin): section, title, tags, the Markdown text with a
// preview, and what changed. Saving goes to the server; whatever goes wrong, the draft stays in the
// form — a conflict offers the latest text to compare with, no connection says so.
import { useState } from 'react';
import { Button, Group, Modal, Paper, Popover, Select, Stack, Tabs, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type GetInputPropsReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES, type Article, type ArticleCategory } from '../../../../contract/domain/article.ts';
import type { ArticleDraft } from '../../../../contract/kb-editing.ts';
import { toPultCallError } from '../../api/pult-error.ts';
import { ArticleContent } from './ArticleContent.tsx';
import { SaveProblem } from './SaveProblem.tsx';
import { useLatestArticle, useSaveArticle } from './use-kb-editing.ts';

export interface DraftValues {
  category: ArticleCategory | null;
  title: string;
  tags: string[];
  body: string;
  note: string;
}

const FIELDS = ['category', 'title', 'tags', 'body', 'note'] as const;

function toDraft(v: DraftValues): ArticleDraft {
  const note = v.note.trim();
  return { category: v.category!, title: v.title.trim(), body: v.body.trim(), tags: v.tags, ...(note ? { note } : {}) };
}

/** Would saving change the article? (The server refuses a save that changes nothing.) */
function changes(v: DraftValues, a: Article): boolean {
  return v.category !== a.category || v.title.trim() !== a.title || v.body.trim() !== a.body || v.tags.join('\u0000') !== a.tags.join('\u0000');
}

export function ArticleEditor({ article, onClose, onSaved }: { article: Article | null; onClose(): void; onSaved?(a: Article): void }) {
  const { t } = useTranslation();
  // What the draft is based on: the article as opened, or the latest text loaded after a conflict.
  const [base, setBase] = useState<Article | null>(article);
  const [confirming, setConfirming] = useState(false);
  const save = useSaveArticle();
  const latest = useLatestArticle(article?.id ?? null);
  const required = (v: unknown) => (typeof v === 'string' ? v.trim() : v) ? null : t('kb.edit.required');
  const form = useForm<DraftValues>({
    mode: 'controlled',
    initialValues: { category: article?.category ?? null, title: article?.title ?? '', tags: article?.tags ?? [], body: article?.body ?? '', note: '' },
    validate: { category: required, title: required, body: required },
  });

  const submit = form.onSubmit((v) => {
    const draft = toDraft(v);
    const input = base ? { kind: 'update' as const, id: base.id, update: { ...draft, baseUpdatedAt: base.updatedAt } } : { kind: 'create' as const, draft };
    save.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('kb.edit.saved', { revision: saved.revision }) });
        onSaved?.(saved.article);
        onClose();
      },
      onError: (e) => {
        // A field the server refused is marked where it is typed.
        const err = toPultCallError(e);
        const name = FIELDS.find((f) => err.code === 'invalid_input' && err.field?.split('.').at(-1) === f);
        if (name) form.setFieldError(name, t('kb.edit.fieldRefused'));
      },
    });
  });

  const loadLatest = () =>
    latest.mutate(undefined, {
      onSuccess: (a) => {
        if (!a) return;
        setBase(a);
        save.reset();
      },
    });

  const requestClose = () => (form.isDirty() ? setConfirming(true) : onClose());
  const nothingToSave = base !== null && !changes(form.values, base);

  return (
    <Modal opened onClose={requestClose} size="70rem" closeOnClickOutside={false} title={<Title order={2} size="h4">{article ? t('kb.edit.titleEdit') : t('kb.edit.titleNew')}</Title>}>
      <form onSubmit={submit} noValidate data-testid="kb-editor">
        <Stack gap="sm">
          <SaveProblem
            error={save.error}
            latest={latest}
            onLoadLatest={loadLatest}
            reloaded={base !== article ? base : null}
            draftTitle={form.values.title}
            draftBody={form.values.body}
          />
          <Group grow align="flex-start">
            <Select<ArticleCategory>
              label={t('kb.edit.category')}
              placeholder={t('kb.edit.categoryPlaceholder')}
              data={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`kb.categories.${c}`) }))}
              allowDeselect={false}
              required
              data-testid="kb-editor-category"
              {...form.getInputProps('category')}
            />
            <TagsInput label={t('kb.edit.tags')} description={t('kb.edit.tagsHint')} maxTags={30} splitChars={[',']} clearable data-testid="kb-editor-tags" {...form.getInputProps('tags')} />
          </Group>
          <TextInput label={t('kb.edit.title')} required maxLength={300} data-testid="kb-editor-title" {...form.getInputProps('title')} />
          <BodyTabs values={form.values} bodyInput={form.getInputProps('body')} />
          {/* Stays in view while the text scrolls: what changed, and the way out. */}
          <Group
            gap="xs"
            align="flex-end"
            wrap="nowrap"
            py="xs"
            style={{ position: 'sticky', bottom: 0, zIndex: 2, background: 'var(--mantine-color-body)', borderTop: '1px solid var(--mantine-color-default-border)' }}
          >
            <TextInput
              style={{ flex: 1 }}
              label={t('kb.edit.note')}
              placeholder={t('kb.edit.notePlaceholder')}
              maxLength={500}
              data-testid="kb-editor-note"
              {...form.getInputProps('note')}
            />
            <Popover opened={confirming} onChange={setConfirming} position="top-end" withArrow trapFocus>
              <Popover.Target>
                <Button variant="default" onClick={requestClose} data-testid="kb-editor-cancel">
                  {t('kb.edit.cancel')}
                </Button>
              </Popover.Target>
              <Popover.Dropdown maw={320}>
                <Text size="sm" mb="xs">
                  {t('kb.edit.discardQuestion')}
                </Text>
                <Group gap="xs" justify="flex-end">
                  <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                    {t('kb.edit.keepEditing')}
                  </Button>
                  <Button size="xs" color="red" onClick={onClose} data-testid="kb-editor-discard">
                    {t('kb.edit.discard')}
                  </Button>
                </Group>
              </Popover.Dropdown>
            </Popover>
            <Button type="submit" loading={save.isPending} disabled={nothingToSave} data-testid="kb-editor-save">
              {t('kb.edit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The Markdown source, and beside it (one tab away) the article exactly as operators will see it. */
function BodyTabs({ values, bodyInput }: { values: DraftValues; bodyInput: GetInputPropsReturnType }) {
  const { t } = useTranslation();
  const { title, body, tags } = values;
  return (
    <Tabs defaultValue="write" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="write" data-testid="kb-editor-write">
          {t('kb.edit.write')}
        </Tabs.Tab>
        <Tabs.Tab value="preview" data-testid="kb-editor-preview">
          {t('kb.edit.preview')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="write" pt="xs">
        <Textarea
          aria-label={t('kb.edit.body')}
          required
          autosize
          minRows={10}
          maxRows={16}
          ff="monospace"
          spellCheck
          data-testid="kb-editor-body"
          {...bodyInput}
        />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="xs" data-testid="kb-editor-preview-panel">
        <Paper withBorder p="md">
          {body.trim() ? (
            <ArticleContent article={{ title, tags, body }} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('kb.edit.previewEmpty')}
            </Text>
          )}
        </Paper>
      </Tabs.Panel>
    </Tabs>
  );
}
