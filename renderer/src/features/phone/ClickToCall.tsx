// A call button beside a phone number wherever one is shown (the customer card, the portfolio): it
// dials through the softphone and brings up the Phone section, where the call is. Disabled, with
// the reason in a tooltip, while the phone is not registered.
import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhoneOutgoing } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { callNumberText } from './call-format.ts';
import { usePhoneSelect, usePhoneStore, useShowPhone } from './PhoneProvider.tsx';

export function ClickToCall({ number }: { number: string }) {
  const { t } = useTranslation();
  const ready = usePhoneSelect((s) => s.registration.status === 'registered');
  const store = usePhoneStore();
  const show = useShowPhone();
  const text = callNumberText(number);
  const label = ready ? t('phone.clickToCall.call', { number: text }) : t('phone.clickToCall.notReady');
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon
        variant="subtle"
        color="teal"
        size="sm"
        aria-label={label}
        data-testid="click-to-call"
        data-number={number}
        disabled={!ready}
        onClick={() => {
          try {
            store.dial(number);
            show();
          } catch {
            notifications.show({ color: 'red', message: t('sip.dial.invalid') });
          }
        }}
      >
        <IconPhoneOutgoing size={15} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
