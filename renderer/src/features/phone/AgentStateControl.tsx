// The agent's availability: Ready, Not ready (break, lunch, training, meeting), Wrap-up, Offline.
// Only Ready lets calls ring here; in the other states the softphone answers 486 (agent-policy.ts).
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NOT_READY_REASONS, type NotReadyReason } from '../../../../contract/domain/agent-state.ts';
import type { AgentState } from './agent-policy.ts';
import { usePhoneSelect, usePhoneStore } from './PhoneProvider.tsx';

const COLORS: Record<AgentState['state'], string> = { ready: 'teal', not_ready: 'orange', wrap_up: 'blue', offline: 'gray' };

const valueOf = (a: AgentState) => (a.state === 'not_ready' ? `not_ready:${a.reason}` : a.state);

function parse(value: string): AgentState {
  if (value.startsWith('not_ready:')) return { state: 'not_ready', reason: value.slice('not_ready:'.length) as NotReadyReason };
  return { state: value as 'ready' | 'wrap_up' | 'offline', reason: null };
}

export function AgentStateControl() {
  const { t } = useTranslation();
  const agent = usePhoneSelect((s) => s.agent);
  const store = usePhoneStore();
  const data = [
    { value: 'ready', label: t('phone.agent.ready') },
    { group: t('phone.agent.notReady'), items: NOT_READY_REASONS.map((r) => ({ value: `not_ready:${r}`, label: t(`phone.agent.reasons.${r}`) })) },
    { value: 'wrap_up', label: t('phone.agent.wrap_up') },
    { value: 'offline', label: t('phone.agent.offline') },
  ];
  const color = COLORS[agent.state];
  return (
    <Select
      data-testid="agent-state"
      data-state={agent.state}
      label={t('phone.agent.label')}
      data={data}
      value={valueOf(agent)}
      allowDeselect={false}
      w={260}
      onChange={(v) => {
        if (typeof v === 'string') void store.setAgentState(parse(v));
      }}
      leftSection={<span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: `var(--mantine-color-${color}-6)` }} />}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
