// The customer's latest payments: amount, how, when, and whether it was credited, mistaken or
// refunded — the questions "did my payment arrive" and "I paid to the wrong account" start here.
import { Badge, Divider, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../contract/domain/customer.ts';
import { formatDateTime, formatMoney } from './format.ts';

const STATUS_COLOR: Record<Payment['status'], string> = { completed: 'teal', mistaken: 'red', refunded: 'gray' };

export function RecentPayments({ payments }: { payments: readonly Payment[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      <Divider label={t('customers.recentPayments')} labelPosition="left" />
      {payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customers.noPayments')}
        </Text>
      ) : (
        <Stack gap={6} data-testid="customer-payments">
          {payments.map((p) => (
            <Group key={p.id} gap="sm" wrap="nowrap" data-testid="customer-payment">
              <ThemeIcon variant="light" color={STATUS_COLOR[p.status]} size="md" aria-hidden>
                <IconCash size={16} stroke={1.7} />
              </ThemeIcon>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(p.amount, i18n.language)}
              </Text>
              <Text size="sm" style={{ flex: 1, minWidth: 0 }} lineClamp={1}>
                {t(`customers.paymentMethods.${p.method}`)}
              </Text>
              <Badge size="xs" variant="light" color={STATUS_COLOR[p.status]} style={{ flexShrink: 0 }}>
                {t(`customers.paymentStatuses.${p.status}`)}
              </Badge>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
                {formatDateTime(p.paidAt, i18n.language)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
