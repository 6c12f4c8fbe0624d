// Auto-answer's countdown on the ringing call's panel, with a button to let the call ring instead.
import { Button, Group, Text } from '@mantine/core';
import { IconHeadset } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useIncomingAlerts } from './incoming-alerts-context.tsx';
import { autoAnswerSecondsLeft } from './incoming-policy.ts';
import { useTicker } from './use-ticker.ts';

export function AutoAnswerCountdown({ sipId }: { sipId: string }) {
  const { alerts, snapshot } = useIncomingAlerts();
  const pending = snapshot.autoAnswer?.sipId === sipId ? snapshot.autoAnswer : null;
  if (!pending || !alerts) return null;
  return <Countdown answerAt={pending.answerAt} onCancel={() => alerts.cancelAutoAnswer()} />;
}

/** Mounted only while a countdown runs, so the ticker starts with it. */
function Countdown({ answerAt, onCancel }: { answerAt: number; onCancel: () => void }) {
  const { t } = useTranslation();
  const seconds = autoAnswerSecondsLeft(answerAt, useTicker(true));
  return (
    <Group gap="sm" justify="space-between" wrap="nowrap" data-testid="auto-answer" data-seconds={seconds}>
      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        <IconHeadset size={18} color="var(--mantine-color-blue-6)" aria-hidden />
        <Text size="sm" fw={500} aria-live="polite">
          {seconds > 0 ? t('phone.autoAnswer.in', { count: seconds }) : t('phone.autoAnswer.now')}
        </Text>
      </Group>
      <Button size="xs" variant="default" style={{ flexShrink: 0 }} data-testid="auto-answer-cancel" onClick={onCancel}>
        {t('phone.autoAnswer.cancel')}
      </Button>
    </Group>
  );
}
