// One search result: name (with a badge when it came from the server), account, phone, address;
// the field that matched is the one drawn in the accent colour.
import { Badge, Group, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCloud } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerHit } from '../../../../contract/customers-ipc.ts';
import { addressLine, formatPhone } from './format.ts';

export function CustomerHitLine({ hit }: { hit: CustomerHit }) {
  const { t } = useTranslation();
  const accent = (field: CustomerHit['matched']) => (hit.matched === field ? { c: 'blue.7', fw: 600 } : { c: 'dimmed' });
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
        <Text size="sm" fw={600} lineClamp={1} {...(hit.matched === 'name' ? { c: 'blue.7' } : {})} data-testid="customer-hit-name">
          {hit.fullName}
        </Text>
        {hit.source === 'server' && (
          <Tooltip label={t('customers.fromServerHint')} withArrow>
            <Badge size="xs" variant="light" color="grape" leftSection={<IconCloud size={11} aria-hidden />} style={{ flexShrink: 0 }} data-testid="customer-hit-server">
              {t('customers.fromServer')}
            </Badge>
          </Tooltip>
        )}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" {...accent('account')} style={{ whiteSpace: 'nowrap' }}>
          {t('customers.accountShort', { number: hit.accountNumber })}
        </Text>
        {hit.phone && (
          <Text size="xs" {...accent('phone')} style={{ whiteSpace: 'nowrap' }} data-testid="customer-hit-phone">
            {formatPhone(hit.phone)}
          </Text>
        )}
      </Group>
      <Text size="xs" {...accent('address')} lineClamp={1}>
        {addressLine(t, hit.address)}
      </Text>
      <VisuallyHidden>{t(`customers.matchedBy.${hit.matched}`)}</VisuallyHidden>
    </Stack>
  );
}
