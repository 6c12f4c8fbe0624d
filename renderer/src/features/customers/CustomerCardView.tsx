// The customer card: who (name, account, balance — red in debt), how to reach them (phones,
// e-mails, messengers), where and what is connected (address, connection type, tariff, extra
// services with switches), the latest conversations, calls and payments the local copy holds, and
// the promotions to offer.
import { useDeferredValue, type ReactNode } from 'react';
import { Alert, Badge, Group, Loader, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCloud, IconWifiOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../../../contract/customers-ipc.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { ExtraServicesField } from './ExtraServicesField.tsx';
import { addressLine, formatDate, formatMoney, formatPhone } from './format.ts';
import { RecentContacts } from './RecentContacts.tsx';
import { RecentPayments } from './RecentPayments.tsx';
import { CustomerOffers } from './CustomerOffers.tsx';
import { ClickToCall } from '../phone/ClickToCall.tsx';
import { localDay } from '../../../../contract/domain/promotion.ts';
import { useCustomerCard } from './use-customers.ts';

export function CustomerCardView({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const card = useCustomerCard(id);
  if (!id) return <Text c="dimmed" size="sm" p="md">{t('customers.pickCustomer')}</Text>;
  if (card.isPending) return <Loader size="sm" m="md" />;
  if (card.error) return <Text c="red" size="sm" p="md">{errorMessage(t, card.error)}</Text>;
  if (!card.data.card) {
    return (
      <Alert variant="light" color={card.data.offline ? 'orange' : 'gray'} icon={card.data.offline ? <IconWifiOff size={18} /> : undefined} m="xs" data-testid="customer-card-missing">
        {card.data.offline ? t('customers.cardOffline') : t('customers.cardGone')}
      </Alert>
    );
  }
  return <CardBody card={card.data.card} />;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <div style={{ fontSize: 'var(--mantine-font-size-sm)' }}>{children}</div>
    </div>
  );
}

function CardBody({ card }: { card: CustomerCard }) {
  const { t, i18n } = useTranslation();
  const c = card.customer;
  const money = (k: number) => formatMoney(k, i18n.language);
  const inDebt = c.balance < 0;
  // A WhatsApp id is the number without its plus; shown like the phones when it is one.
  const whatsapp = c.whatsappId && (/^\+?\d{7,15}$/.test(c.whatsappId) ? formatPhone(`+${c.whatsappId.replace(/^\+/, '')}`) : c.whatsappId);
  const messengers = [c.telegramId && `Telegram ${c.telegramId}`, whatsapp && `WhatsApp ${whatsapp}`].filter((m): m is string => Boolean(m));
  // Who is calling comes first: the lists below (conversations, payments, offers) are drawn in a
  // second, interruptible pass, so a ringing call's card shows without waiting for them.
  const showLists = useDeferredValue(true, false);

  return (
    <Paper withBorder p="md" h="100%" data-testid="customer-card">
      <ScrollArea h="100%" type="auto">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Group gap="xs">
                <Title order={2} size="h3" data-testid="customer-card-name">
                  {c.fullName}
                </Title>
                {card.source === 'server' && (
                  <Badge variant="light" color="grape" leftSection={<IconCloud size={12} aria-hidden />} title={t('customers.fromServerHint')}>
                    {t('customers.fromServer')}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed" data-testid="customer-card-account">
                {t('customers.account', { number: c.accountNumber })}
              </Text>
            </div>
            <div style={{ textAlign: 'right', flexShrink: 0 }}>
              <Text size="xs" c="dimmed" fw={500}>
                {t('customers.balance')}
              </Text>
              <Text size="xl" fw={700} c={inDebt ? 'red.7' : undefined} data-testid="customer-card-balance" data-negative={inDebt ? 'true' : undefined}>
                {money(c.balance)}
              </Text>
              {inDebt && (
                <Text size="xs" c="red.7">
                  {t('customers.debt')}
                </Text>
              )}
            </div>
          </Group>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm">
            <Field label={t('customers.fields.phones')}>
              {c.phones.length
                ? c.phones.map((p) => (
                    <Group key={p} gap={4} wrap="nowrap">
                      <span data-testid="customer-card-phone">{formatPhone(p)}</span>
                      <ClickToCall number={p} />
                    </Group>
                  ))
                : t('customers.none')}
            </Field>
            <Field label={t('customers.fields.emails')}>{c.emails.length ? c.emails.map((e) => <div key={e}>{e}</div>) : t('customers.none')}</Field>
            <Field label={t('customers.fields.address')}>
              {addressLine(t, c.address)}
              {c.address.region !== c.address.city && <Text size="xs" c="dimmed">{c.address.region}</Text>}
            </Field>
            <Field label={t('customers.fields.messengers')}>{messengers.length ? messengers.map((m) => <div key={m}>{m}</div>) : t('customers.none')}</Field>
            <Field label={t('customers.fields.connection')}>{t(`customers.connectionTypes.${c.connectionType}`)}</Field>
            <Field label={t('customers.fields.tariff')}>
              {card.tariff ? (
                <>
                  <div data-testid="customer-card-tariff">{card.tariff.name}</div>
                  <Text size="xs" c="dimmed">
                    {t('customers.tariffDetails', { speed: card.tariff.speedMbps, fee: money(card.tariff.monthlyFee) })}
                  </Text>
                </>
              ) : (
                c.tariffId
              )}
            </Field>
            <Field label={t('customers.fields.services')}>
              <ExtraServicesField card={card} />
            </Field>
            <Field label={t('customers.fields.since')}>{formatDate(c.createdAt, i18n.language)}</Field>
          </SimpleGrid>

          {showLists && (
            <>
              <RecentContacts card={card} />
              <RecentPayments payments={card.payments} />
              <CustomerOffers offers={card.offers} today={localDay(new Date())} />
            </>
          )}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}
