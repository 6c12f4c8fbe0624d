// Handing a call on: with one line, «Перевести» asks for a colleague's number and either transfers
// at once (blind) or calls the colleague first on the second line, the customer on hold
// (consultation). With two lines in progress: «Соединить и выйти» hands the held call to the
// colleague on this line (attended transfer), «Конференция» joins all three, «Разделить» splits.
import { useState } from 'react';
import { Alert, Button, Group, Popover, Stack, TextInput } from '@mantine/core';
import { IconArrowsJoin2, IconArrowsSplit2, IconPhoneOutgoing, IconTransfer, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dialTarget } from '../../sip/dial-target.ts';
import { callNumberText } from './call-format.ts';
import { usePhoneStore } from './PhoneProvider.tsx';
import type { PhoneCall } from './phone-store.ts';

/** The softphone's error codes, as phone.transfer.errors.* keys. */
const ERROR_KEYS: Record<string, string> = {
  'sip.dial.invalid': 'invalidNumber',
  'sip.transfer.invalid': 'notInProgress',
  'sip.conference.unavailable': 'noAudio',
};

export function TransferControls({ call, other }: { call: PhoneCall; other: PhoneCall | null }) {
  const { t } = useTranslation();
  const store = usePhoneStore();
  const [error, setError] = useState<string | null>(null);
  const s = call.snapshot;
  const confirmed = s.status === 'confirmed';
  const bothUp = confirmed && other?.snapshot.status === 'confirmed';
  const run = (action: () => void | Promise<void>) => {
    setError(null);
    Promise.resolve()
      .then(action)
      .catch((e: unknown) => setError(t(`phone.transfer.errors.${ERROR_KEYS[e instanceof Error && 'code' in e ? String(e.code) : ''] ?? 'generic'}`)));
  };

  return (
    <Stack gap="xs" data-testid="transfer-controls">
      <Group gap="xs">
        {!other && <TransferPopover disabled={!confirmed} onBlind={(to) => run(() => store.transfer(s.id, to))} onConsult={(to) => run(() => void store.dial(to))} />}
        {bothUp && !s.conference && (
          <>
            <Button variant="light" data-testid="transfer-complete" leftSection={<IconArrowsJoin2 size={16} aria-hidden />} onClick={() => run(() => store.completeTransfer(other.snapshot.id, s.id))}>
              {t('phone.transfer.complete')}
            </Button>
            <Button variant="light" data-testid="conference-start" leftSection={<IconUsersGroup size={16} aria-hidden />} onClick={() => run(() => store.conference(other.snapshot.id, s.id))}>
              {t('phone.conference.start')}
            </Button>
          </>
        )}
        {s.conference && (
          <Button variant="light" data-testid="conference-end" leftSection={<IconArrowsSplit2 size={16} aria-hidden />} onClick={() => run(() => store.endConference())}>
            {t('phone.conference.end')}
          </Button>
        )}
      </Group>
      <TransferStatus call={call} other={other} />
      {error && (
        <Alert variant="light" color="red" py={6} data-testid="transfer-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

function TransferPopover({ disabled, onBlind, onConsult }: { disabled: boolean; onBlind: (to: string) => void; onConsult: (to: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const go = (then: (to: string) => void) => {
    if (!dialTarget(value)) return setInvalid(true);
    setOpened(false);
    setValue('');
    then(value.trim());
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow trapFocus shadow="md">
      <Popover.Target>
        <Button variant="default" data-testid="transfer-open" disabled={disabled} leftSection={<IconTransfer size={16} aria-hidden />} onClick={() => setOpened((o) => !o)}>
          {t('phone.transfer.open')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            go(onConsult);
          }}
        >
          <Stack gap="xs" w={300}>
            <TextInput
              data-testid="transfer-target"
              label={t('phone.transfer.target')}
              placeholder={t('phone.transfer.targetPlaceholder')}
              value={value}
              error={invalid ? t('sip.dial.invalid') : null}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setInvalid(false);
              }}
              inputMode="tel"
              autoComplete="off"
              maxLength={80}
              data-autofocus
            />
            <Group gap="xs" grow>
              <Button type="submit" data-testid="transfer-consult" leftSection={<IconPhoneOutgoing size={16} aria-hidden />} disabled={!value.trim()}>
                {t('phone.transfer.consult')}
              </Button>
              <Button variant="light" data-testid="transfer-blind" disabled={!value.trim()} onClick={() => go(onBlind)}>
                {t('phone.transfer.blind')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Where a transfer stands, in words; a failed one says why (the call stays with the operator). */
function TransferStatus({ call, other }: { call: PhoneCall; other: PhoneCall | null }) {
  const { t } = useTranslation();
  const tr = call.snapshot.transfer ?? other?.snapshot.transfer;
  if (!tr) return null;
  const target = callNumberText(tr.target);
  if (tr.state === 'failed') {
    return (
      <Alert variant="light" color="red" py={6} data-testid="transfer-status" data-state="failed">
        {t('phone.transfer.failed', { target, reason: t(tr.reason ?? 'sip.reason.unknown') })}
      </Alert>
    );
  }
  return (
    <Alert variant="light" color="blue" py={6} data-testid="transfer-status" data-state={tr.state}>
      {t(tr.state === 'ringing' ? 'phone.transfer.ringing' : 'phone.transfer.requested', { target })}
    </Alert>
  );
}
