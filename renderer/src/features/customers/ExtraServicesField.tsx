// The customer's extra services, each with a switch to turn it off during the call, and behind
// "connect another" the rest of the catalogue. The change is queued (offline too) and shown at once.
import { useState } from 'react';
import { Button, Collapse, Group, Stack, Switch, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../../../contract/customers-ipc.ts';
import { useConnectionStatus } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { formatMoney } from './format.ts';
import { useSetExtraService } from './use-extra-service.ts';

export function ExtraServicesField({ card }: { card: CustomerCard }) {
  const { t, i18n } = useTranslation();
  const set = useSetExtraService();
  const connection = useConnectionStatus();
  const on = new Set(card.customer.extraServiceIds);
  // The switch moves on the click; the re-read card (after queueing) then confirms it.
  const isOn = (id: string) => (set.isPending && set.variables.serviceId === id ? set.variables.enabled : on.has(id));
  // Services the customer has that the catalogue no longer sells stay visible (and can be switched off).
  const listed = [...card.serviceCatalogue, ...card.extraServices.filter((s) => !card.serviceCatalogue.some((c) => c.id === s.id)).map((s) => ({ id: s.id, name: s.name ?? s.id, monthlyFee: s.monthlyFee ?? 0 }))];
  const toggle = (serviceId: string, name: string, enabled: boolean) =>
    set.mutate(
      { customerId: card.customer.id, serviceId, enabled },
      {
        onSuccess: () => {
          const offline = connection.data?.state === 'offline';
          notifications.show({
            color: offline ? 'orange' : 'teal',
            message: `${t(enabled ? 'customers.services.queuedOn' : 'customers.services.queuedOff', { name })}${offline ? ` ${t('customers.services.offlineHint')}` : ''}${card.source === 'server' ? ` ${t('customers.services.serverCard')}` : ''}`,
          });
        },
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
      },
    );
  const [more, setMore] = useState(false);
  // The rest of the catalogue is drawn once first asked for: a card opens while a call rings.
  const [asked, setAsked] = useState(false);
  const row = (s: (typeof listed)[number]) => (
    <Group key={s.id} gap="xs" wrap="nowrap" justify="space-between">
      <Switch
        size="xs"
        checked={isOn(s.id)}
        onChange={(e) => toggle(s.id, s.name, e.currentTarget.checked)}
        label={s.name}
        aria-description={isOn(s.id) ? t('customers.services.on') : t('customers.services.off')}
        data-testid="extra-service-switch"
        data-service={s.id}
      />
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('customers.perMonth', { fee: formatMoney(s.monthlyFee, i18n.language) })}
      </Text>
    </Group>
  );
  // Those switched on (also the one being switched on right now) stay in the first list.
  const connected = listed.filter((s) => on.has(s.id) || isOn(s.id));
  const others = listed.filter((s) => !connected.includes(s));
  return (
    <Stack gap={4} mt={2} data-testid="extra-services">
      {connected.length === 0 && <Text size="sm">{t('customers.none')}</Text>}
      {connected.map(row)}
      {others.length > 0 && (
        <>
          <Button
            variant="subtle"
            size="compact-xs"
            justify="flex-start"
            leftSection={more ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
            onClick={() => {
              setAsked(true);
              setMore((m) => !m);
            }}
            aria-expanded={more}
            data-testid="extra-services-more"
          >
            {t('customers.services.more', { count: others.length })}
          </Button>
          <Collapse expanded={more}>
            {asked && <Stack gap={4}>{others.map(row)}</Stack>}
          </Collapse>
        </>
      )}
    </Stack>
  );
}
