// The customer's latest conversations (channel icon, subject, status, when; a click opens the
// thread beside the card) and calls (direction, number, result, when), as the local copy holds them.
import { useState } from 'react';
import { Badge, Divider, Group, Stack, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBrandTelegram, IconBrandWhatsapp, IconMail, IconPhone, IconPhoneIncoming, IconPhoneOutgoing, IconPrinter, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel, ConversationStatus } from '../../../../contract/domain/conversation.ts';
import type { CustomerCard } from '../../../../contract/customers-ipc.ts';
import { ConversationDrawer } from '../conversations/ConversationDrawer.tsx';
import { formatDateTime, formatPhone } from './format.ts';

const CHANNEL_ICONS: Record<Channel, Icon> = {
  phone: IconPhone,
  email: IconMail,
  fax: IconPrinter,
  whatsapp: IconBrandWhatsapp,
  telegram: IconBrandTelegram,
};

const CHANNEL_COLORS: Record<Channel, string> = { phone: 'blue', email: 'indigo', fax: 'gray', whatsapp: 'green', telegram: 'cyan' };

const STATUS_COLORS: Record<ConversationStatus, string> = { new: 'blue', open: 'yellow', waiting_customer: 'orange', resolved: 'gray' };

export function RecentContacts({ card }: { card: CustomerCard }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const [open, setOpen] = useState<{ id: string; title: string } | null>(null);
  return (
    <Stack gap="sm">
      <ConversationDrawer id={open?.id ?? null} title={open?.title ?? ''} onClose={() => setOpen(null)} />
      <Divider label={t('customers.recentConversations')} labelPosition="left" />
      {card.conversations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customers.noConversations')}
        </Text>
      ) : (
        <Stack gap={6} data-testid="customer-conversations">
          {card.conversations.map((cv) => {
            const Icon = CHANNEL_ICONS[cv.channel];
            const title = cv.subject ?? (cv.category ? t(`kb.categories.${cv.category}`) : t('customers.noSubject'));
            return (
              <UnstyledButton key={cv.id} onClick={() => setOpen({ id: cv.id, title })} aria-label={`${t('customers.openConversation')}: ${title}`} className="pult-row-button">
              <Group gap="sm" wrap="nowrap" data-testid="customer-conversation">
                <Tooltip label={t(`customers.channels.${cv.channel}`)} withArrow>
                  <ThemeIcon variant="light" color={CHANNEL_COLORS[cv.channel]} size="md" aria-label={t(`customers.channels.${cv.channel}`)}>
                    <Icon size={16} stroke={1.7} />
                  </ThemeIcon>
                </Tooltip>
                <Text size="sm" style={{ flex: 1, minWidth: 0 }} lineClamp={1}>
                  {title}
                </Text>
                <Badge size="xs" variant="light" color={STATUS_COLORS[cv.status]} style={{ flexShrink: 0 }}>
                  {t(`customers.statuses.${cv.status}`)}
                </Badge>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
                  {when(cv.updatedAt)}
                </Text>
              </Group>
              </UnstyledButton>
            );
          })}
        </Stack>
      )}

      <Divider label={t('customers.recentCalls')} labelPosition="left" />
      {card.calls.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customers.noCalls')}
        </Text>
      ) : (
        <Stack gap={6} data-testid="customer-calls">
          {card.calls.map((k) => {
            const Icon = k.direction === 'in' ? IconPhoneIncoming : IconPhoneOutgoing;
            const ok = k.result === 'answered';
            return (
              <Group key={k.id} gap="sm" wrap="nowrap">
                <ThemeIcon variant="light" color={ok ? 'teal' : 'red'} size="md" aria-label={t(`customers.callDirections.${k.direction}`)}>
                  <Icon size={16} stroke={1.7} />
                </ThemeIcon>
                <Text size="sm" style={{ flex: 1, minWidth: 0 }}>
                  {t(`customers.callDirections.${k.direction}`)}, {t(`customers.callResults.${k.result}`)} · {formatPhone(k.number)}
                </Text>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
                  {when(k.startedAt)}
                </Text>
              </Group>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
