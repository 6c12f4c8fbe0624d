// Above the editor's fields, in words: no connection (editing needs the server), a conflict with
// someone else's save — with a way to load their text and, once loaded, how the draft differs from
// it — or any other refusal. The draft itself is never touched here.
import { useMemo } from 'react';
import { Alert, Button, ScrollArea, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCloudOff, IconGitCompare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../../../contract/domain/article.ts';
import { useConnectionStatus } from '../../api/hooks.ts';
import { toPultCallError } from '../../api/pult-error.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { DiffView } from './DiffView.tsx';
import { isNoConnection } from './no-connection.ts';
import { diffText } from './text-diff.ts';
import type { useLatestArticle } from './use-kb-editing.ts';

export interface SaveProblemProps {
  error: unknown;
  latest: ReturnType<typeof useLatestArticle>;
  onLoadLatest(): void;
  /** The latest text, once loaded after a conflict. */
  reloaded: Article | null;
  draftTitle: string;
  draftBody: string;
}

export function SaveProblem(p: SaveProblemProps) {
  const { t } = useTranslation();
  const offline = useConnectionStatus().data?.state === 'offline';
  const code = p.error ? toPultCallError(p.error).code : null;
  const noConnection = isNoConnection(p.error);
  return (
    <>
      {offline && !code && (
        <Alert color="yellow" variant="light" icon={<IconCloudOff size={18} aria-hidden />} data-testid="kb-editor-offline">
          {t('kb.edit.offline')}
        </Alert>
      )}
      {code === 'conflict' && <ConflictAlert latest={p.latest} onLoadLatest={p.onLoadLatest} />}
      {noConnection && (
        <Alert color="yellow" variant="light" role="alert" icon={<IconCloudOff size={18} aria-hidden />} data-testid="kb-editor-error" data-code={code}>
          {t('kb.edit.needsConnection')}
        </Alert>
      )}
      {code && code !== 'conflict' && !noConnection && (
        <Alert color="red" variant="light" role="alert" title={t('kb.edit.failedTitle')} icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="kb-editor-error" data-code={code}>
          {errorMessage(t, p.error)}
        </Alert>
      )}
      {p.reloaded && code !== 'conflict' && <LatestVersion latest={p.reloaded} draftTitle={p.draftTitle} draftBody={p.draftBody} />}
    </>
  );
}

function ConflictAlert({ latest, onLoadLatest }: Pick<SaveProblemProps, 'latest' | 'onLoadLatest'>) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" role="alert" title={t('kb.edit.conflictTitle')} icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="kb-editor-conflict">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('kb.edit.conflict')}</Text>
        <Button size="xs" variant="light" color="orange" loading={latest.isPending} onClick={onLoadLatest} data-testid="kb-editor-load-latest">
          {t('kb.edit.loadLatest')}
        </Button>
        {latest.error && (
          <Text size="sm" c="red" role="alert">
            {isNoConnection(latest.error) ? t('kb.edit.latestNeedsConnection') : errorMessage(t, latest.error)}
          </Text>
        )}
        {latest.isSuccess && !latest.data && <Text size="sm">{t('kb.articleGone')}</Text>}
      </Stack>
    </Alert>
  );
}

/** The other editor's text against the draft: what saving now would take out (−) and put in (+). */
function LatestVersion({ latest, draftTitle, draftBody }: { latest: Article; draftTitle: string; draftBody: string }) {
  const { t, i18n } = useTranslation();
  const [body] = useDebouncedValue(draftBody, 250);
  const diff = useMemo(() => diffText(latest.body, body.trim()), [latest.body, body]);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(latest.updatedAt));
  return (
    <Alert color="blue" variant="light" title={t('kb.edit.latestTitle', { date })} icon={<IconGitCompare size={18} aria-hidden />} data-testid="kb-editor-latest">
      <Stack gap="xs">
        <Text size="sm">{t('kb.edit.latest')}</Text>
        {latest.title !== draftTitle.trim() && <Text size="sm">{t('kb.edit.latestTitleDiffers', { title: latest.title })}</Text>}
        {diff.changed ? (
          <ScrollArea.Autosize mah={260} type="auto">
            <DiffView diff={diff} />
          </ScrollArea.Autosize>
        ) : (
          <Text size="sm">{t('kb.edit.latestSame')}</Text>
        )}
      </Stack>
    </Alert>
  );
}
