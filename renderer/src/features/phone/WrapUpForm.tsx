// After-call work: what the call was about (category, then a code from the catalogue, searchable),
// how it ended, a note, and a callback if one was promised. The agent is in Wrap-up meanwhile, for
// the configured time shown as a countdown; then Ready again (the form stays until saved).
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES, type ArticleCategory } from '../../../../contract/domain/article.ts';
import { WRAP_UP_RESULTS, type WrapUpResult } from '../../../../contract/domain/wrap-up.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { wrapUpSecondsLeft } from './agent-policy.ts';
import { callNumberText, durationText } from './call-format.ts';
import { usePhoneStore } from './PhoneProvider.tsx';
import type { PendingWrapUp } from './phone-store.ts';
import { useWrapUpCodes } from './use-phone-api.ts';
import { useTicker } from './use-ticker.ts';
import { checkWrapUp, codeGroups, EMPTY_DRAFT, WRAP_UP_NOTE_MAX, wrapUpInput, type WrapUpDraft } from './wrap-up-form.ts';

/** datetime-local's value for a Date, in local time. */
function localInputValue(d: Date | null): string {
  if (!d) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function WrapUpForm({ wrapUp }: { wrapUp: PendingWrapUp }) {
  const { t } = useTranslation();
  const store = usePhoneStore();
  const codes = useWrapUpCodes();
  const [draft, setDraft] = useState<WrapUpDraft>(EMPTY_DRAFT);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const now = useTicker(!wrapUp.timedOut && wrapUp.totalSeconds > 0);
  const left = wrapUp.timedOut ? 0 : wrapUpSecondsLeft(wrapUp.startedAt, wrapUp.totalSeconds, now);
  const list = useMemo(() => codes.data?.codes ?? [], [codes.data]);
  const problems = tried ? checkWrapUp(draft, list, new Date()) : {};
  const patch = (p: Partial<WrapUpDraft>) => setDraft((d) => ({ ...d, ...p }));
  const problem = (field: keyof typeof problems) => (problems[field] ? t(`phone.wrapUp.problems.${problems[field]}`) : null);

  const codeData = codeGroups(list, draft.category).map((g) => ({
    group: t(`kb.categories.${g.category}`),
    items: g.codes.map((c) => ({ value: c.id, label: c.name })),
  }));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    const input = wrapUpInput(draft, list, { callId: wrapUp.callId, conversationId: wrapUp.conversationId ?? crypto.randomUUID(), taskId: crypto.randomUUID() }, new Date());
    if (!input) return;
    setSaving(true);
    try {
      await store.saveWrapUp(input);
      notifications.show({ color: 'teal', message: t('phone.wrapUp.saved') });
    } catch (err) {
      notifications.show({ color: 'red', title: t('phone.wrapUp.saveFailed'), message: errorMessage(t, err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={save} noValidate data-testid="wrap-up-form" aria-labelledby="wrap-up-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h4" id="wrap-up-title">
              {t('phone.wrapUp.title')}
            </Title>
            <Text size="sm" c="dimmed" data-testid="wrap-up-call">
              {t(wrapUp.direction === 'inbound' ? 'phone.wrapUp.callFrom' : 'phone.wrapUp.callTo', { number: callNumberText(wrapUp.number) })}
              {wrapUp.ivrChoice ? ` · ${wrapUp.ivrChoice}` : ''}
            </Text>
          </div>
          {left !== null && (
            <Badge size="lg" variant="light" color={left > 10 ? 'blue' : 'orange'} data-testid="wrap-up-countdown" data-left={left} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {wrapUp.timedOut ? t('phone.wrapUp.timeUp') : t('phone.wrapUp.left', { time: durationText(left * 1000) })}
            </Badge>
          )}
        </Group>
        {wrapUp.timedOut && (
          <Alert variant="light" color="orange" py={6} data-testid="wrap-up-timed-out">
            {t('phone.wrapUp.timedOutHint')}
          </Alert>
        )}
        <Group grow align="flex-start">
          <Select
            data-testid="wrap-up-category"
            label={t('phone.wrapUp.category')}
            placeholder={t('phone.wrapUp.anyCategory')}
            data={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`kb.categories.${c}`) }))}
            value={draft.category}
            clearable
            onChange={(v) => {
              const category = v as ArticleCategory | null;
              const keep = list.find((c) => c.id === draft.codeId)?.category === category;
              patch({ category, codeId: keep ? draft.codeId : null });
            }}
          />
          <Select
            data-testid="wrap-up-code"
            label={t('phone.wrapUp.code')}
            placeholder={t('phone.wrapUp.codePlaceholder')}
            data={codeData}
            value={draft.codeId}
            searchable
            nothingFoundMessage={t('phone.wrapUp.noCodes')}
            onChange={(v) => patch({ codeId: v, ...(v ? { category: list.find((c) => c.id === v)?.category ?? draft.category } : {}) })}
            error={problem('codeId')}
            withAsterisk
          />
        </Group>
        <Select
          data-testid="wrap-up-result"
          label={t('phone.wrapUp.result')}
          placeholder={t('phone.wrapUp.resultPlaceholder')}
          data={WRAP_UP_RESULTS.map((r) => ({ value: r, label: t(`phone.wrapUp.results.${r}`) }))}
          value={draft.result}
          onChange={(v) => patch({ result: v as WrapUpResult | null })}
          error={problem('result')}
          withAsterisk
        />
        <Textarea
          data-testid="wrap-up-note"
          label={t('phone.wrapUp.note')}
          value={draft.note}
          onChange={(e) => patch({ note: e.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={WRAP_UP_NOTE_MAX}
          error={problem('note')}
        />
        <Checkbox data-testid="wrap-up-follow-up" label={t('phone.wrapUp.followUp')} checked={draft.followUp} onChange={(e) => patch({ followUp: e.currentTarget.checked })} />
        {draft.followUp && (
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              data-testid="wrap-up-follow-up-at"
              label={t('phone.wrapUp.followUpAt')}
              value={localInputValue(draft.followUpAt)}
              onChange={(e) => patch({ followUpAt: e.currentTarget.value ? new Date(e.currentTarget.value) : null })}
              error={problem('followUpAt')}
              withAsterisk
            />
            <TextInput
              data-testid="wrap-up-follow-up-note"
              label={t('phone.wrapUp.followUpNote')}
              value={draft.followUpNote}
              onChange={(e) => patch({ followUpNote: e.currentTarget.value })}
              maxLength={WRAP_UP_NOTE_MAX}
              error={problem('followUpNote')}
            />
          </Group>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="subtle" color="gray" data-testid="wrap-up-skip" disabled={saving} onClick={() => void store.endWrapUp()}>
            {t('phone.wrapUp.skip')}
          </Button>
          <Button type="submit" data-testid="wrap-up-save" loading={saving}>
            {t('phone.wrapUp.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
