// Settings: server address, the SIP account (signed in), language, theme (remembered through settings.update), IT's preset and
// its problems, and what is running (app version, build, host, server version).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Center, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { HttpUrl, type Language, type Settings, type ThemePreference } from '../../../../contract/config.ts';
import type { SessionInfo } from '../../../../contract/ipc.ts';
import { useAppInfo, useConfig, useConnectionStatus, useSettings, useUpdateSettings } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { ConfigProblems } from '../../ui/ConfigProblems.tsx';
import { SipAccountSection } from './SipAccountSection.tsx';
import { PhoneHotkeysSection } from './PhoneHotkeysSection.tsx';
import { SoundDevicesSection } from './SoundDevicesSection.tsx';

export function SettingsPage({ session }: { session: SessionInfo | null }) {
  const settings = useSettings();
  if (!settings.data) return <Loader size="sm" />;
  return (
    <Stack gap="md" maw={720} data-testid="settings-page">
      <ServerSection settings={settings.data} />
      {session && <SipAccountSection />}
      {session && <PhoneHotkeysSection settings={settings.data} />}
      {session && <SoundDevicesSection settings={settings.data} />}
      <AppearanceSection settings={settings.data} />
      <ConfigSection />
      <AboutSection session={session} />
    </Stack>
  );
}

function Section({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function useSaver() {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const save = (patch: Partial<Settings>, quiet = false) =>
    update.mutateAsync(patch).then(
      () => {
        if (!quiet) notifications.show({ color: 'teal', message: t('settings.saved') });
        return true;
      },
      (e: unknown) => {
        notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(t, e) });
        return false;
      },
    );
  return { save, pending: update.isPending };
}

function ServerSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { save, pending } = useSaver();
  const [value, setValue] = useState(settings.serverUrl ?? '');
  const [error, setError] = useState<string | null>(null);
  const trimmed = value.trim();
  const dirty = trimmed !== (settings.serverUrl ?? '');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (trimmed && !HttpUrl.safeParse(trimmed).success) return setError(t('login.invalidUrl'));
    setError(null);
    void save({ serverUrl: trimmed || null });
  };

  return (
    <Section title={t('settings.connection')} id="settings-connection">
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            data-testid="settings-server-url"
            label={t('settings.serverUrl')}
            description={t('settings.serverUrlHint')}
            placeholder={t('login.serverPlaceholder')}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            spellCheck={false}
            inputMode="url"
            style={{ flex: 1 }}
          />
          <Button data-testid="settings-save" type="submit" disabled={!dirty} loading={pending}>
            {t('settings.save')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}

function AppearanceSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { save } = useSaver();
  const themeItem = (value: ThemePreference, label: string, Icon: typeof IconSun) => ({
    value,
    label: (
      <Center style={{ gap: 6 }}>
        <Icon size={14} aria-hidden />
        <span>{label}</span>
      </Center>
    ),
  });
  return (
    <Section title={t('settings.appearance')} id="settings-appearance">
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500} mb={4} id="settings-language-label">
            {t('settings.language')}
          </Text>
          <SegmentedControl
            data-testid="settings-language"
            aria-labelledby="settings-language-label"
            value={settings.language}
            onChange={(v) => void save({ language: v as Language }, true)}
            data={[
              { value: 'ru', label: t('language.ru') },
              { value: 'en', label: t('language.en') },
            ]}
          />
        </div>
        <div>
          <Text size="sm" fw={500} mb={4} id="settings-theme-label">
            {t('settings.theme')}
          </Text>
          <SegmentedControl
            data-testid="settings-theme"
            aria-labelledby="settings-theme-label"
            value={settings.theme}
            onChange={(v) => void save({ theme: v as ThemePreference }, true)}
            data={[
              themeItem('auto', t('settings.themeAuto'), IconDeviceDesktop),
              themeItem('light', t('settings.themeLight'), IconSun),
              themeItem('dark', t('settings.themeDark'), IconMoon),
            ]}
          />
        </div>
      </Stack>
    </Section>
  );
}

function ConfigSection() {
  const { t } = useTranslation();
  const config = useConfig();
  if (!config.data) return null;
  const { sources, problems } = config.data;
  return (
    <Section title={t('settings.config')} id="settings-config">
      <Stack gap="xs">
        <Text size="sm">
          <Text span c="dimmed">
            {t('config.sources')}:{' '}
          </Text>
          <span data-testid="settings-config-sources">{sources.length ? sources.join(', ') : t('config.noSources')}</span>
        </Text>
        {problems.length ? <ConfigProblems problems={problems} /> : <Text size="sm" c="dimmed">{t('settings.noProblems')}</Text>}
      </Stack>
    </Section>
  );
}

function AboutSection({ session }: { session: SessionInfo | null }) {
  const { t } = useTranslation();
  const info = useAppInfo();
  const connection = useConnectionStatus();
  const unknown = t('settings.unknown');
  const rows: Array<[string, string, string]> = [
    ['about-version', t('settings.version'), info.data?.version ?? unknown],
    ['about-build', t('settings.build'), info.data?.build ?? unknown],
    ['about-host', t('settings.host'), info.data ? t(info.data.host === 'electron' ? 'settings.hostElectron' : 'settings.hostBrowser') : unknown],
    ['about-platform', t('settings.platform'), info.data?.platform ?? unknown],
    ['about-server', t('settings.server'), session?.serverUrl ?? connection.data?.serverUrl ?? unknown],
    ['about-server-version', t('settings.serverVersion'), connection.data?.serverVersion ?? session?.serverVersion ?? unknown],
  ];
  return (
    <Section title={t('settings.about')} id="settings-about">
      <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0} fz="sm">
        <Table.Tbody>
          {rows.map(([id, label, value]) => (
            <Table.Tr key={id}>
              <Table.Th w={180} fw={400} c="dimmed" scope="row">
                {label}
              </Table.Th>
              <Table.Td data-testid={id} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
