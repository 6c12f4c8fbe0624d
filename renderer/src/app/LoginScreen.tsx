// Sign-in: server address (the user's last one, else IT's preset), login, password. Failures are
// said in words (wrong password, server unreachable, incompatible version, too many attempts); IT
// preset problems are listed with their file and field.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Center, Group, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { HttpUrl } from '../../../contract/config.ts';
import type { EffectiveConfig, Settings } from '../../../contract/config.ts';
import { useConfig, useLogin, useSettings } from '../api/hooks.ts';
import { toPultCallError } from '../api/pult-error.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { ConfigProblems } from '../ui/ConfigProblems.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { LogoMark } from '../ui/LogoMark.tsx';

export function LoginScreen() {
  const settings = useSettings();
  const config = useConfig();
  const { t } = useTranslation();
  return (
    <Box mih="100%" bg="var(--mantine-color-body)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="flex-end" p="sm">
        <LanguageSwitch />
      </Group>
      <Center style={{ flex: 1 }} px="md" pb="xl">
        <Stack w="100%" maw={400} gap="lg">
          <Group gap="sm" justify="center">
            <LogoMark size={36} />
            <div>
              <Text fw={700} size="xl" lh={1.1}>
                {t('app.name')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
          </Group>
          {settings.data && (config.data || config.isError) ? (
            <LoginForm settings={settings.data} config={config.data ?? null} />
          ) : (
            <Center py="xl">
              <Loader size="sm" aria-label={t('app.loading')} />
            </Center>
          )}
        </Stack>
      </Center>
    </Box>
  );
}

function LoginForm({ settings, config }: { settings: Settings; config: EffectiveConfig | null }) {
  const { t } = useTranslation();
  const login = useLogin();
  const presetUrl = config?.preset.serverUrl;
  const initialServer = settings.serverUrl ?? presetUrl ?? '';
  const form = useForm({
    mode: 'controlled',
    initialValues: { serverUrl: initialServer, login: '', password: '' },
    validate: {
      serverUrl: (v) => (!v.trim() ? t('login.required') : HttpUrl.safeParse(v.trim()).success ? null : t('login.invalidUrl')),
      login: (v) => (v.trim() ? null : t('login.required')),
      password: (v) => (v ? null : t('login.required')),
    },
  });
  const fromPreset = Boolean(presetUrl) && form.values.serverUrl === presetUrl;

  const failure = login.error ? toPultCallError(login.error) : null;
  const failureText = useMemo(() => (login.error ? errorMessage(t, login.error) : null), [login.error, t]);
  // A field the host refused gets its error next to it, too.
  const fieldOf = (name: string) => (failure?.code === 'invalid_input' && failure.field === `input.${name}` ? failureText : null);

  const submit = form.onSubmit((values) => {
    login.mutate(
      { serverUrl: values.serverUrl.trim(), login: values.login.trim(), password: values.password },
      { onError: () => form.setFieldValue('password', '') },
    );
  });

  return (
    <Paper withBorder shadow="xs" p="lg" radius="md">
      <form onSubmit={submit} noValidate aria-labelledby="login-title">
        <Stack gap="sm">
          <div>
            <Title order={1} id="login-title" size="h2">
              {t('login.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('login.subtitle')}
            </Text>
          </div>
          {config && <ConfigProblems problems={config.problems} />}
          <TextInput
            data-testid="login-server"
            label={t('login.server')}
            placeholder={t('login.serverPlaceholder')}
            description={fromPreset ? t('login.serverFromPreset') : undefined}
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            required
            autoFocus={!initialServer}
            {...form.getInputProps('serverUrl')}
            error={form.errors.serverUrl ?? fieldOf('serverUrl')}
          />
          <TextInput
            data-testid="login-user"
            label={t('login.user')}
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="off"
            required
            autoFocus={Boolean(initialServer)}
            {...form.getInputProps('login')}
            error={form.errors.login ?? fieldOf('login')}
          />
          <PasswordInput
            data-testid="login-password"
            label={t('login.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
            error={form.errors.password ?? fieldOf('password')}
          />
          {failureText && (
            <Alert
              data-testid="login-error"
              data-code={failure?.code}
              role="alert"
              color="red"
              variant="light"
              title={t('login.failedTitle')}
              icon={<IconAlertCircle size={18} />}
            >
              {failureText}
            </Alert>
          )}
          <Button data-testid="login-submit" type="submit" loading={login.isPending} fullWidth mt="xs">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
