// A phone conversation's calls: which way, with whom, how it ended and how long it lasted, the IVR
// choice, and the wrap-up the operator saved (category, topic, result, note).
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../contract/domain/conversation.ts';
import type { WrapUpCode } from '../../../../contract/domain/wrap-up.ts';
import { formatDateTime } from '../customers/format.ts';
import { callNumberText, durationText } from '../phone/call-format.ts';

const RESULT_COLOR = { answered: 'teal', missed: 'red', declined: 'orange', failed: 'gray' } as const;

export function PhoneCalls({ calls, codes }: { calls: readonly Call[]; codes: readonly WrapUpCode[] }) {
  const { t, i18n } = useTranslation();
  if (calls.length === 0) return <Text size="sm" c="dimmed">{t('inbox.phone.noCalls')}</Text>;
  const codeName = new Map(codes.map((c) => [c.id, c.name]));
  return (
    <Stack gap={6}>
      {calls.map((c) => {
        const Icon = c.direction === 'in' ? IconPhoneIncoming : IconPhoneOutgoing;
        const talked = c.answeredAt && c.endedAt ? Date.parse(c.endedAt) - Date.parse(c.answeredAt) : null;
        return (
          <Paper key={c.id} withBorder p="sm" radius="sm" data-testid="thread-call" data-result={c.result}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap={6} wrap="nowrap">
                <Icon size={16} aria-hidden />
                <Text size="sm" fw={600}>
                  {t(c.direction === 'in' ? 'inbox.phone.callIn' : 'inbox.phone.callOut', { number: callNumberText(c.number) })}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.startedAt, i18n.language)}</Text>
            </Group>
            <Group gap={6} mt={4}>
              <Badge size="sm" variant="light" color={RESULT_COLOR[c.result]}>{t(`phone.history.results.${c.result}`)}</Badge>
              {talked !== null && <Text size="xs" c="dimmed">{t('inbox.phone.duration', { duration: durationText(talked) })}</Text>}
              {c.ivrChoice && <Text size="xs" c="dimmed">{t('phone.history.ivr', { choice: c.ivrChoice })}</Text>}
            </Group>
            {c.wrapUp ? (
              <div className="pult-call-wrapup" data-testid="call-wrapup">
                <Text size="xs" fw={600}>{t('inbox.phone.wrapUp')}</Text>
                <Text size="xs">
                  {t(`kb.categories.${c.wrapUp.category}`)} · {codeName.get(c.wrapUp.codeId) ?? c.wrapUp.codeId} · {t(`phone.wrapUp.results.${c.wrapUp.result}`)}
                </Text>
                {c.wrapUp.note && <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>{c.wrapUp.note}</Text>}
              </div>
            ) : (
              c.result === 'answered' && <Text size="xs" c="dimmed" mt={4}>{t('inbox.phone.noWrapUp')}</Text>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
