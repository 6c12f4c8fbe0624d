// "Did this article help?" under an article: helped / outdated goes to the outbox (works offline)
// and reaches the quality manager through the server.
import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usePult } from '../../api/api-context.tsx';
import { errorMessage } from '../../i18n/error-message.ts';

export function ArticleFeedback({ articleId }: { articleId: string }) {
  const { t } = useTranslation();
  const api = usePult();
  const [sent, setSent] = useState<'helped' | 'outdated' | null>(null);
  const send = useMutation({
    mutationFn: (verdict: 'helped' | 'outdated') => api.invoke('kb.feedback', { articleId, verdict }),
    onSuccess: (_r, verdict) => {
      setSent(verdict);
      notifications.show({ color: 'teal', message: t('kb.feedback.thanks') });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
  });
  return (
    <Group gap="xs" mt="lg" data-testid="kb-feedback">
      <Text size="sm" c="dimmed">
        {t('kb.feedback.question')}
      </Text>
      <Button size="xs" variant={sent === 'helped' ? 'filled' : 'default'} color="teal" leftSection={<IconThumbUp size={14} />} disabled={sent === 'outdated'} aria-pressed={sent === 'helped'} loading={send.isPending && send.variables === 'helped'} onClick={() => sent === null && send.mutate('helped')} data-testid="kb-feedback-helped">
        {t('kb.feedback.helped')}
      </Button>
      <Button size="xs" variant={sent === 'outdated' ? 'filled' : 'default'} color="orange" leftSection={<IconThumbDown size={14} />} disabled={sent === 'helped'} aria-pressed={sent === 'outdated'} loading={send.isPending && send.variables === 'outdated'} onClick={() => sent === null && send.mutate('outdated')} data-testid="kb-feedback-outdated">
        {t('kb.feedback.outdated')}
      </Button>
    </Group>
  );
}
