// A WhatsApp or Telegram message as a bubble: the customer's on the left, ours on the right with
// where it is on its way (one tick sent, two delivered, two blue read, a clock queued, red when it
// failed, with the reason in words). Text only: a chat message is never read as HTML.
import { Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChecks, IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus, Message } from '../../../../contract/domain/conversation.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { inboxClock } from './inbox-time.ts';

const TICKS: Record<DeliveryStatus, { icon: typeof IconCheck; color: string }> = {
  queued: { icon: IconClockHour4, color: 'var(--mantine-color-dimmed)' },
  sent: { icon: IconCheck, color: 'var(--mantine-color-dimmed)' },
  delivered: { icon: IconChecks, color: 'var(--mantine-color-dimmed)' },
  read: { icon: IconChecks, color: 'var(--mantine-color-blue-6)' },
  failed: { icon: IconAlertTriangle, color: 'var(--mantine-color-red-6)' },
};

export function ChatBubble({ message, who }: { message: Message; who: string | null }) {
  const { t, i18n } = useTranslation();
  const ours = message.direction === 'out';
  const delivery = message.delivery ?? null;
  const tick = delivery ? TICKS[delivery.status] : null;
  const Tick = tick?.icon;
  const failure = delivery?.status === 'failed' && delivery.errorCode ? t(`inbox.chat.failure.${delivery.errorCode}`) : null;
  return (
    <Paper
      p="xs"
      radius="lg"
      maw="78%"
      className={ours ? 'pult-bubble pult-bubble-ours' : 'pult-bubble'}
      style={{ alignSelf: ours ? 'flex-end' : 'flex-start' }}
      data-testid="thread-message"
      data-direction={message.direction}
      data-look="chat"
      data-delivery={delivery?.status}
    >
      {who && <Text size="xs" fw={600} mb={2}>{who}</Text>}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</Text>
      <AttachmentList files={message.attachments ?? []} />
      <Group gap={4} justify="flex-end" mt={2} wrap="nowrap">
        <Text size="xs" c="dimmed">{inboxClock(message.createdAt, i18n.language)}</Text>
        {Tick && delivery && (
          <Tooltip label={failure ?? t(`inbox.chat.delivery.${delivery.status}`)} multiline maw={280} withArrow>
            <span role="img" aria-label={t(`inbox.chat.delivery.${delivery.status}`)} data-testid="delivery-mark" style={{ display: 'inline-flex' }}>
              <Tick size={14} color={tick.color} aria-hidden />
            </span>
          </Tooltip>
        )}
      </Group>
      {failure && <Text size="xs" c="red" mt={2}>{failure}</Text>}
    </Paper>
  );
}
