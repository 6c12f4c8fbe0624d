// Calling out: a dial field that takes Russian numbers in any form and extensions (read by
// sip/dial-target.ts), a keypad, and redial of the last number. Enter calls.
import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPhoneCall, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dialTarget } from '../../sip/dial-target.ts';
import { DialPad } from './DialPad.tsx';
import { usePhone, usePhoneStore } from './PhoneProvider.tsx';

export function DialPanel({ initial }: { initial?: string }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const store = usePhoneStore();
  const [value, setValue] = useState(initial ?? '');
  const [error, setError] = useState<string | null>(null);
  const registered = phone.registration.status === 'registered';

  const call = (input: string) => {
    if (!dialTarget(input)) return setError(t('sip.dial.invalid'));
    setError(null);
    try {
      store.dial(input);
      setValue('');
    } catch (e) {
      setError(e instanceof Error && 'code' in e ? t('sip.dial.invalid') : String(e));
    }
  };

  return (
    <Stack gap="sm" data-testid="dial-panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          call(value);
        }}
      >
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            data-testid="dial-input"
            label={t('phone.dial.label')}
            placeholder={t('phone.dial.placeholder')}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            inputMode="tel"
            autoComplete="off"
            spellCheck={false}
            style={{ flex: 1 }}
            maxLength={80}
          />
          <Button type="submit" data-testid="dial-call" color="teal" leftSection={<IconPhoneCall size={16} aria-hidden />} disabled={!registered || !value.trim()}>
            {t('phone.dial.call')}
          </Button>
        </Group>
      </form>
      <DialPad testId="dial-pad" onKey={(k) => setValue((v) => v + k)} />
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          data-testid="dial-redial"
          leftSection={<IconRefresh size={14} aria-hidden />}
          disabled={!registered || !phone.lastDialed}
          onClick={() => phone.lastDialed && call(phone.lastDialed)}
        >
          {phone.lastDialed ? t('phone.dial.redialNumber', { number: phone.lastDialed }) : t('phone.dial.redial')}
        </Button>
      </Group>
      {!registered && (
        <Text size="xs" c="dimmed" data-testid="dial-unavailable">
          {phone.configured ? t('phone.dial.notRegistered') : t('phone.dial.notSetUp')}
        </Text>
      )}
    </Stack>
  );
}
