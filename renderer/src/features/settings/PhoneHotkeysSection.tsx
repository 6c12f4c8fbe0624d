// The phone's hotkeys: click a field and press the keys (Ctrl, Alt or Meta plus a key); saved with
// the settings, they work in Pult at once and, in the desktop app, also with Pult in the background.
import { useState } from 'react';
import { Button, Group, Paper, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PHONE_HOTKEYS, PHONE_HOTKEY_ACTIONS, PhoneHotkeys, type Settings } from '../../../../contract/config.ts';
import { useUpdateSettings } from '../../api/hooks.ts';
import { hotkeyOf } from '../phone/hotkey-actions.ts';

export function PhoneHotkeysSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const saved = settings.phoneHotkeys ?? DEFAULT_PHONE_HOTKEYS;
  const [keys, setKeys] = useState<PhoneHotkeys>(saved);
  const check = PhoneHotkeys.safeParse(keys);
  const changed = JSON.stringify(keys) !== JSON.stringify(saved);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-hotkeys-title" data-testid="settings-hotkeys">
      <Title order={2} id="settings-hotkeys-title" mb="xs">
        {t('settings.hotkeys.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.hotkeys.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {PHONE_HOTKEY_ACTIONS.map((action) => (
          <TextInput
            key={action}
            label={t(`settings.hotkeys.${action}`)}
            value={keys[action]}
            readOnly
            data-testid={`hotkey-${action}`}
            onKeyDown={(e) => {
              if (e.key === 'Tab') return; // keyboard users still leave the field
              e.preventDefault();
              const combo = hotkeyOf(e.nativeEvent);
              if (combo) setKeys({ ...keys, [action]: combo });
            }}
          />
        ))}
      </SimpleGrid>
      {!check.success && (
        <Text size="sm" c="red" mt="xs" data-testid="hotkeys-error">
          {t('settings.hotkeys.invalid')}
        </Text>
      )}
      <Group mt="sm" gap="xs">
        <Button size="xs" data-testid="hotkeys-save" disabled={!check.success || !changed} loading={update.isPending} onClick={() => check.success && update.mutate({ phoneHotkeys: check.data })}>
          {t('settings.hotkeys.save')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setKeys(DEFAULT_PHONE_HOTKEYS)}>
          {t('settings.hotkeys.defaults')}
        </Button>
      </Group>
    </Paper>
  );
}
