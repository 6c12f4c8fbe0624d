// The softphone's SIP account in Settings: servers (read-only where IT preset them), extension,
// auth user, display name, STUN/TURN, DTMF mode, the IVR header and wrap-up time, and the password —
// write-only, kept in the system keychain. A change of servers reloads the page, because the page's
// security policy (CSP) lists the SIP servers it may connect to and is read when the page loads.
import { useState } from 'react';
import { Button, Group, Paper, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ItPreset } from '../../../../contract/config.ts';
import type { PhoneAccount } from '../../../../contract/phone-ipc.ts';
import type { DtmfMode } from '../../../../contract/sip.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useConfig } from '../../api/hooks.ts';
import { usePhoneAccount, useSavePhoneAccount } from '../phone/use-phone-api.ts';
import { accountFromForm, formFromAccount, SIP_FORM_DEFAULTS, type SipAccountForm, type SipFormField, type SipFormProblem } from './sip-account-form.ts';

export function SipAccountSection() {
  const { t } = useTranslation();
  const account = usePhoneAccount();
  const preset = useConfig().data?.preset.sip;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-sip" data-testid="settings-sip">
      <Title order={2} id="settings-sip" mb="sm">
        {t('settings.sip.title')}
      </Title>
      {account.error ? (
        <Text c="red" size="sm">
          {errorMessage(t, account.error)}
        </Text>
      ) : account.data ? (
        // A saved or reloaded account starts the form afresh.
        <SipForm key={JSON.stringify([account.data.account, preset])} phone={account.data} preset={preset} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('app.loading')}
        </Text>
      )}
    </Paper>
  );
}

function SipForm({ phone, preset }: { phone: PhoneAccount; preset: ItPreset['sip'] }) {
  const { t } = useTranslation();
  const save = useSavePhoneAccount();
  const [form, setForm] = useState<SipAccountForm>(() => formFromAccount(phone.account, preset));
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Partial<Record<SipFormField, SipFormProblem>>>({});
  const isPreset = (f: 'websocketUris' | 'domain') => phone.presetFields.includes(f);
  const set = (f: SipFormField) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((x) => ({ ...x, [f]: value }));
    setProblems(({ [f]: _drop, ...rest }) => rest);
  };
  const problem = (f: SipFormField) => (problems[f] ? t(`settings.sip.problems.${problems[f]}`, { hint: t(`settings.sip.hints.${f}`) }) : null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = accountFromForm(form, phone.account);
    if (!checked.ok) return setProblems(checked.problems);
    const before = phone.account?.websocketUris.join('\n');
    try {
      await save.mutateAsync({ account: checked.account, ...(password ? { password } : {}) });
      setPassword('');
      notifications.show({ color: 'teal', message: t('settings.sip.saved') });
      // The page's CSP names the SIP servers it may reach: a new server needs the page loaded again.
      if (before !== checked.account.websocketUris.join('\n')) window.location.reload();
    } catch (err) {
      notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(t, err) });
    }
  };

  const removePassword = async () => {
    const checked = accountFromForm(form, phone.account);
    if (!checked.ok) return setProblems(checked.problems);
    await save.mutateAsync({ account: checked.account, password: null }).catch((err: unknown) =>
      notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(t, err) }),
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          data-testid="sip-websocket-uris"
          label={t('settings.sip.websocketUris')}
          description={isPreset('websocketUris') ? t('settings.sip.presetByIt') : t('settings.sip.hints.websocketUris')}
          value={form.websocketUris}
          onChange={set('websocketUris')}
          readOnly={isPreset('websocketUris')}
          autosize
          minRows={1}
          maxRows={4}
          spellCheck={false}
          error={problem('websocketUris')}
          withAsterisk={!isPreset('websocketUris')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput data-testid="sip-extension" label={t('settings.sip.extension')} value={form.extension} onChange={set('extension')} error={problem('extension')} withAsterisk spellCheck={false} />
          <TextInput
            data-testid="sip-domain"
            label={t('settings.sip.domain')}
            description={isPreset('domain') ? t('settings.sip.presetByIt') : t('settings.sip.hints.domain')}
            value={form.domain}
            onChange={set('domain')}
            readOnly={isPreset('domain')}
            error={problem('domain')}
            spellCheck={false}
          />
          <TextInput data-testid="sip-auth-user" label={t('settings.sip.authUser')} description={t('settings.sip.hints.authUser')} value={form.authUser} onChange={set('authUser')} error={problem('authUser')} spellCheck={false} />
          <TextInput data-testid="sip-display-name" label={t('settings.sip.displayName')} value={form.displayName} onChange={set('displayName')} error={problem('displayName')} />
        </SimpleGrid>
        <PasswordInput
          data-testid="sip-password"
          label={t('settings.sip.password')}
          description={phone.hasPassword ? t('settings.sip.passwordStored') : t('settings.sip.passwordHint')}
          placeholder={phone.hasPassword ? '••••••••' : ''}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          leftSection={<IconLock size={14} aria-hidden />}
          autoComplete="new-password"
          maxLength={256}
        />
        <Textarea
          data-testid="sip-ice-servers"
          label={t('settings.sip.iceServers')}
          description={t('settings.sip.hints.iceServers')}
          value={form.iceServers}
          onChange={set('iceServers')}
          autosize
          minRows={1}
          maxRows={4}
          spellCheck={false}
          error={problem('iceServers')}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="sip-dtmf-label">
            {t('settings.sip.dtmfMode')}
          </Text>
          <SegmentedControl
            data-testid="sip-dtmf-mode"
            aria-labelledby="sip-dtmf-label"
            value={form.dtmfMode}
            onChange={(v) => setForm((x) => ({ ...x, dtmfMode: v as DtmfMode }))}
            data={[
              { value: 'rfc4733', label: t('settings.sip.dtmf.rfc4733') },
              { value: 'info', label: t('settings.sip.dtmf.info') },
            ]}
          />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput data-testid="sip-ivr-header" label={t('settings.sip.ivrHeader')} placeholder={SIP_FORM_DEFAULTS.ivrHeader} value={form.ivrHeader} onChange={set('ivrHeader')} error={problem('ivrHeader')} spellCheck={false} />
          <TextInput
            data-testid="sip-wrap-up-seconds"
            label={t('settings.sip.wrapUpSeconds')}
            placeholder={String(SIP_FORM_DEFAULTS.wrapUpSeconds)}
            value={form.wrapUpSeconds}
            onChange={set('wrapUpSeconds')}
            error={problem('wrapUpSeconds')}
            inputMode="numeric"
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          {phone.hasPassword && (
            <Button variant="subtle" color="red" data-testid="sip-remove-password" onClick={() => void removePassword()} disabled={save.isPending}>
              {t('settings.sip.removePassword')}
            </Button>
          )}
          <Button type="submit" data-testid="sip-save" loading={save.isPending}>
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
