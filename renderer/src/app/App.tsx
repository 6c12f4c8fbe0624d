// Waits for the user's settings (they hold the language and theme), then shows the login screen or
// the main layout depending on the session. Live events update the cache from here.
import { useCallback, useEffect, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Alert, Button, Center, Loader, Stack, Text, useMantineColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SyncRejected } from '../../../contract/sync-status.ts';
import { IconPlugConnectedX } from '@tabler/icons-react';
import type { Settings } from '../../../contract/config.ts';
import { useLiveEvents, useSession, useSettings, useTransportState } from '../api/hooks.ts';
import { createI18n } from '../i18n/index.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { LoginScreen } from './LoginScreen.tsx';
import { MainLayout } from './MainLayout.tsx';

export function App() {
  const settings = useSettings();
  if (settings.data) return <WithI18n settings={settings.data} />;
  if (settings.isError) {
    // No translations yet: the user's language is in the settings that failed. Both languages.
    return (
      <Center h="100%" p="md">
        <Stack align="center" gap="sm" maw={460}>
          <Text fw={600}>Пульт не смог загрузить настройки · Pult could not load its settings</Text>
          <Text size="sm" c="dimmed" ta="center">
            {settings.error.message}
          </Text>
          <Button onClick={() => void settings.refetch()}>Повторить · Retry</Button>
        </Stack>
      </Center>
    );
  }
  return <FullPageLoader label="Загрузка… · Loading…" />;
}

function FullPageLoader({ label }: { label: string }) {
  return (
    <Center h="100%" role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}

function WithI18n({ settings }: { settings: Settings }) {
  const [i18n, setI18n] = useState<I18n | null>(null);
  useEffect(() => {
    let alive = true;
    void createI18n(settings.language).then((created) => alive && setI18n(created));
    return () => {
      alive = false;
    };
    // Created once with the language of the first settings; later changes go through changeLanguage.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (i18n && i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
  }, [i18n, settings.language]);
  if (!i18n) return <FullPageLoader label="Загрузка… · Loading…" />;
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeSync theme={settings.theme} />
      <Root />
    </I18nextProvider>
  );
}

/** Mantine's colour scheme follows settings.theme ("auto" = the OS's preference, live). */
function ThemeSync({ theme }: { theme: Settings['theme'] }) {
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => setColorScheme(theme), [theme, setColorScheme]);
  return null;
}

function Root() {
  const { t } = useTranslation();
  const session = useSession();
  const onSessionEnded = useCallback(
    (reason: 'logout' | 'expired') => {
      if (reason === 'expired') notifications.show({ color: 'yellow', message: t('login.sessionExpired') });
    },
    [t],
  );
  const onSyncRejected = useCallback(
    (r: SyncRejected) => {
      notifications.show({ color: 'red', title: t('sync.rejectedTitle', { what: t(`mutations.${r.name}`) }), message: errorMessage(t, r.error), autoClose: false });
    },
    [t],
  );
  useLiveEvents(onSessionEnded, onSyncRejected);

  let body;
  if (session.isPending) body = <FullPageLoader label={t('app.loading')} />;
  else if (session.isError)
    body = (
      <Center h="100%" p="md">
        <Stack align="center" maw={460}>
          <Alert color="red" title={t('app.startFailed')}>
            {errorMessage(t, session.error)}
          </Alert>
          <Button onClick={() => void session.refetch()}>{t('app.retry')}</Button>
        </Stack>
      </Center>
    );
  else if (session.data) body = <MainLayout session={session.data} />;
  else body = <LoginScreen />;

  return (
    <>
      <HostLinkBanner />
      {body}
    </>
  );
}

/** The page's own link to the Pult service (browser host socket) — distinct from the server. */
function HostLinkBanner() {
  const { t } = useTranslation();
  const state = useTransportState();
  // Only a link that was once open can be "lost"; the first connect shows nothing.
  const [seenOpen, setSeenOpen] = useState(state === 'open');
  if (state === 'open' && !seenOpen) setSeenOpen(true);
  if (state === 'open' || !seenOpen) return null;
  return (
    <Alert
      role="alert"
      data-testid="host-link-lost"
      color="orange"
      radius={0}
      py={6}
      icon={<IconPlugConnectedX size={18} />}
      style={{ position: 'fixed', top: 0, left: 0, right: 0, zIndex: 500 }}
    >
      {t('connection.hostLost')}
    </Alert>
  );
}
