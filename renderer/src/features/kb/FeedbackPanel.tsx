// What operators said about the articles (quality manager, admin, supervisor): over 7, 30 or 90
// days, the most "outdated" first — a bar per article, the latest comments, a click opens it.
// The summary comes from the server, so without the connection it says so in words.
import { useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, Paper, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCloudOff, IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FeedbackSummaryRow } from '../../../../contract/kb-editing.ts';
import { useConnectionStatus } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { FeedbackBar } from './FeedbackBar.tsx';
import { isNoConnection } from './no-connection.ts';
import { useFeedbackSummary } from './use-kb-editing.ts';

const PERIODS = [7, 30, 90] as const;

export function FeedbackPanel({ onOpenArticle }: { onOpenArticle(id: string): void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<number>(30);
  const summary = useFeedbackSummary(days);
  const offline = useConnectionStatus().data?.state === 'offline';
  const rows = summary.data?.articles ?? [];
  const max = Math.max(1, ...rows.map((r) => r.helped + r.outdated));
  let body: React.ReactNode;
  if (summary.error || (offline && !summary.data))
    body = (
      <Alert color="yellow" variant="light" icon={<IconCloudOff size={18} aria-hidden />} data-testid="kb-feedback-offline" role="status">
        {!summary.error || isNoConnection(summary.error) ? t('kb.feedbackView.offline') : errorMessage(t, summary.error)}
      </Alert>
    );
  else if (summary.isPending) body = <Loader size="sm" />;
  else if (rows.length === 0) body = <Text size="sm" c="dimmed" data-testid="kb-feedback-empty">{t('kb.feedbackView.empty')}</Text>;
  else
    body = (
      <Stack gap="xs" data-testid="kb-feedback-rows">
        {rows.map((r) => (
          <FeedbackRow key={r.articleId} row={r} max={max} onOpen={() => onOpenArticle(r.articleId)} />
        ))}
      </Stack>
    );
  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }} data-testid="kb-feedback-panel">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={500} id="kb-feedback-period">
          {t('kb.feedbackView.period')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby="kb-feedback-period"
          value={String(days)}
          onChange={(v) => setDays(Number(v))}
          data={PERIODS.map((d) => ({ value: String(d), label: t('kb.feedbackView.days', { count: d }) }))}
          data-testid="kb-feedback-period"
        />
        <Text size="xs" c="dimmed">
          {t('kb.feedbackView.intro')}
        </Text>
      </Group>
      <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto">
        {body}
      </ScrollArea>
    </Stack>
  );
}

function FeedbackRow({ row: r, max, onOpen }: { row: FeedbackSummaryRow; max: number; onOpen(): void }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <Paper withBorder p="sm" data-testid="kb-feedback-row" data-article-id={r.articleId}>
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 280px', minWidth: 0 }}>
          <Anchor component="button" type="button" size="sm" fw={600} ta="left" lineClamp={2} onClick={onOpen} title={t('kb.feedbackView.open', { title: r.title })} data-testid="kb-feedback-open">
            {r.title}
          </Anchor>
          <Group gap="xs">
            <Badge size="xs" variant="outline">
              {t(`kb.categories.${r.category}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('kb.feedbackView.lastAt', { date: when.format(new Date(r.lastAt)) })}
            </Text>
          </Group>
        </Stack>
        <FeedbackBar helped={r.helped} outdated={r.outdated} max={max} />
      </Group>
      {r.comments.length > 0 && (
        <Stack gap={4} mt="xs" aria-label={t('kb.feedbackView.comments')}>
          {r.comments.map((c, i) => (
            <Group key={i} gap={6} wrap="nowrap" align="flex-start">
              <IconMessage size={14} style={{ flexShrink: 0, marginTop: 3 }} aria-hidden />
              <Text size="xs">
                <Text span size="xs" fw={600}>
                  {c.agentName ?? t('kb.feedbackView.anonymous')} · {t(`kb.feedback.${c.verdict}`)} · {when.format(new Date(c.at))}:
                </Text>{' '}
                {c.comment}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
