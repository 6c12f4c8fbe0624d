// The Phone section: the agent's state on top; the call (ringing, in progress) or the dial pad on
// the left, the screen pop or the wrap-up form beside it; the call history and callback tasks below.
import { memo } from 'react';
import { Alert, Badge, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActiveCallPanel } from './ActiveCallPanel.tsx';
import { AgentStateControl } from './AgentStateControl.tsx';
import { CallbackTasks } from './CallbackTasks.tsx';
import { CallLines } from './CallLines.tsx';
import { CallHistoryPanel } from './CallHistoryPanel.tsx';
import { DialPanel } from './DialPanel.tsx';
import { IncomingCallPanel } from './IncomingCallPanel.tsx';
import { usePhone } from './PhoneProvider.tsx';
import { ScreenPop } from './ScreenPop.tsx';
import { SipStatus } from './SipStatus.tsx';
import { DndToggle } from './dnd-toggle.tsx';
import { WrapUpForm } from './WrapUpForm.tsx';
import { useMissedUnseen, useTasks } from './use-phone-api.ts';

export function PhonePage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const ringing = phone.calls.find((c) => c.snapshot.direction === 'inbound' && (c.snapshot.status === 'ringing' || c.snapshot.status === 'answering'));
  // Two lines: the one not on hold has the panel; the other is listed above it.
  const lines = phone.calls.filter((c) => c !== ringing);
  const active = lines.find((c) => !c.snapshot.held) ?? lines.at(-1);
  const other = lines.find((c) => c !== active) ?? null;
  const current = ringing ?? active ?? null;
  const last = phone.lastEnded;

  return (
    <Stack gap="md" data-testid="phone-page">
      <PhoneStatusRow />
      {!phone.configured && (
        <Alert variant="light" color="blue" data-testid="phone-not-set-up">
          {t('phone.notSetUp')}
        </Alert>
      )}
      <Group align="stretch" gap="md" wrap="nowrap">
        <Stack gap="sm" w={420} style={{ flexShrink: 0 }}>
          {!ringing && active && lines.length > 1 && <CallLines calls={lines} focusedId={active.snapshot.id} />}
          {ringing ? <IncomingCallPanel call={ringing} /> : active ? <ActiveCallPanel call={active} other={other} /> : (
            <Paper withBorder p="md">
              <DialPanel />
            </Paper>
          )}
          {!current && last && <LastCall />}
        </Stack>
        <div style={{ flex: 1, minWidth: 0 }}>
          {/* A call ringing or in progress shows its caller's card, even over an earlier call's
              unsaved wrap-up (which comes back when that call is over). */}
          {current ? (
            <ScreenPop call={current} />
          ) : phone.wrapUp ? (
            <WrapUpForm key={phone.wrapUp.callId} wrapUp={phone.wrapUp} />
          ) : (
            <Text size="sm" c="dimmed" p="md">
              {t('phone.idleHint')}
            </Text>
          )}
        </div>
      </Group>
      <PhoneLists />
    </Stack>
  );
}

// The parts below and above the call are memoised: the phone's state changes many times while a
// call rings, and re-drawing them each time held the caller's card back (screen-pop benchmark).
const PhoneStatusRow = memo(function PhoneStatusRow() {
  return (
    <Group gap="lg" align="flex-end">
      <AgentStateControl />
      <SipStatus />
      <DndToggle />
    </Group>
  );
});

const PhoneLists = memo(function PhoneLists() {
  const { t } = useTranslation();
  const tasks = useTasks();
  const missed = useMissedUnseen();
  return (
    <Tabs defaultValue="history" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="history" data-testid="tab-history" rightSection={missed > 0 ? <Badge size="xs" color="red" circle>{missed}</Badge> : null}>
          {t('phone.history.title')}
        </Tabs.Tab>
        <Tabs.Tab value="tasks" data-testid="tab-tasks" rightSection={tasks.data?.items.length ? <Badge size="xs" variant="light" circle>{tasks.data.items.length}</Badge> : null}>
          {t('phone.tasks.title')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="history" pt="sm">
        <CallHistoryPanel />
      </Tabs.Panel>
      <Tabs.Panel value="tasks" pt="sm">
        <CallbackTasks />
      </Tabs.Panel>
    </Tabs>
  );
});

/**
 * Why the operator's own call did not go through (busy, no answer, unreachable…). Not for incoming
 * calls: one we declined (by hand, Not ready, do not disturb) is no failure of ours.
 */
function LastCall() {
  const { t } = useTranslation();
  const { lastEnded } = usePhone();
  if (lastEnded?.snapshot.direction !== 'outbound' || !lastEnded.snapshot.reason || lastEnded.snapshot.reason === 'sip.reason.hungUp') return null;
  return (
    <Alert variant="light" color="orange" py={6} data-testid="last-call-reason" data-code={lastEnded.snapshot.statusCode ?? ''}>
      {t('phone.call.endedWith', { reason: t(lastEnded.snapshot.reason) })}
    </Alert>
  );
}
