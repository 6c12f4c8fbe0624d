// The call history from the replica: filters (all, missed, incoming, outgoing), search by number or
// name, each call's direction, who, when, duration, result and wrap-up; calls still in the outbox are
// marked "waiting to be sent". Opening it (or the Missed filter) marks missed calls seen and the
// navigation badge clears; a call missed while it is open keeps its badge until then — the Phone
// section opens by itself when a call rings, which is not the operator looking at the history.
import { memo, useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { ActionIcon, Badge, Button, Group, ScrollArea, SegmentedControl, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconClockHour4, IconPhoneCall, IconPhoneIncoming, IconPhoneOutgoing, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CallOutcome } from '../../../../contract/domain/conversation.ts';
import type { CallHistoryFilter, CallHistoryItem } from '../../../../contract/phone-ipc.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { formatDateTime } from '../customers/format.ts';
import { callNumberText, durationText } from './call-format.ts';
import { useCanDial, usePhoneStore } from './PhoneProvider.tsx';
import { ProspectFromHistory } from './ProspectForm.tsx';
import { useCallHistory, useMarkCallsSeen, useMissedUnseenQuery } from './use-phone-api.ts';

const RESULT_COLORS: Record<CallOutcome, string> = { answered: 'teal', missed: 'red', declined: 'orange', failed: 'gray' };
/**
 * Rows drawn at first, then more on request. A ringing call brings the Phone section up, and drawing
 * a history of 200 rows then held back the screen pop (measured by the screen-pop benchmark).
 */
const ROWS_SHOWN = 30;

export function CallHistoryPanel() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<CallHistoryFilter>('all');
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(ROWS_SHOWN);
  const history = useCallHistory(filter, query);
  const unseen = useMissedUnseenQuery();
  const { mutate: markSeen } = useMarkCallsSeen();
  const opened = useRef(false);
  const count = unseen.data?.missedUnseen;
  useEffect(() => {
    if (count === undefined || opened.current) return;
    opened.current = true;
    if (count > 0) markSeen();
  }, [count, markSeen]);

  const items = history.data?.items ?? [];
  // Every row's call-back button follows this; a ringing call changes it, and the rows then update
  // in a second, interruptible pass rather than before the caller's card.
  const canCall = useDeferredValue(useCanDial());
  const store = usePhoneStore();
  const dial = useCallback((number: string) => store.dial(number), [store]);
  return (
    <Stack gap="sm" data-testid="call-history">
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          data-testid="call-history-filter"
          value={filter}
          onChange={(v) => {
            setFilter(v as CallHistoryFilter);
            setShown(ROWS_SHOWN);
            if (v === 'missed' && (count ?? 0) > 0) markSeen();
          }}
          data={(['all', 'missed', 'in', 'out'] as const).map((f) => ({ value: f, label: t(`phone.history.filters.${f}`) }))}
        />
        <TextInput
          data-testid="call-history-search"
          aria-label={t('phone.history.search')}
          placeholder={t('phone.history.search')}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setShown(ROWS_SHOWN);
          }}
          maxLength={100}
          style={{ flex: 1, minWidth: 200 }}
        />
      </Group>
      {history.error ? (
        <Text c="red" size="sm">
          {errorMessage(t, history.error)}
        </Text>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="call-history-empty">
          {history.isPending ? t('app.loading') : t('phone.history.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          <Table highlightOnHover verticalSpacing={6} fz="sm">
            <Table.Tbody>
              {items.slice(0, shown).map((item) => (
                <HistoryRow key={item.call.id} item={item} canCall={canCall} dial={dial} />
              ))}
            </Table.Tbody>
          </Table>
          {items.length > shown && (
            <Button variant="subtle" size="xs" mt={4} data-testid="call-history-more" onClick={() => setShown((n) => n + ROWS_SHOWN)}>
              {t('phone.history.more', { count: items.length - shown })}
            </Button>
          )}
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

/** Memoised: a row re-renders when its call or whether one can dial changes, not with every ring. */
const HistoryRow = memo(function HistoryRow({ item, canCall, dial }: { item: CallHistoryItem; canCall: boolean; dial: (number: string) => string }) {
  const { t, i18n } = useTranslation();
  const { call } = item;
  const Icon = call.direction === 'in' ? IconPhoneIncoming : IconPhoneOutgoing;
  const duration = call.answeredAt && call.endedAt ? durationText(Date.parse(call.endedAt) - Date.parse(call.answeredAt)) : null;
  return (
    <Table.Tr data-testid="call-history-row" data-call-id={call.id} data-result={call.result} data-pending={item.pending ? 'true' : 'false'}>
      <Table.Td w={28}>
        <Icon size={16} color={`var(--mantine-color-${RESULT_COLORS[call.result]}-6)`} aria-label={t(`phone.history.direction.${call.direction}`)} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} data-testid="call-history-who">
          {item.customerName ?? callNumberText(call.number)}
        </Text>
        {item.customerName && (
          <Text size="xs" c="dimmed">
            {callNumberText(call.number)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(call.startedAt, i18n.language)}
        </Text>
        {duration && (
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {duration}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge size="sm" variant="light" color={RESULT_COLORS[call.result]} data-testid="call-history-result">
            {t(`phone.history.results.${call.result}`)}
          </Badge>
          {call.ivrChoice && (
            <Badge size="sm" variant="outline" color="violet" tt="none">
              {t('phone.history.ivr', { choice: call.ivrChoice })}
            </Badge>
          )}
          {item.pending && (
            <Badge size="sm" variant="light" color="gray" leftSection={<IconClockHour4 size={11} aria-hidden />} data-testid="call-history-pending">
              {t('phone.history.pending')}
            </Badge>
          )}
        </Group>
        {call.wrapUp && (
          <Text size="xs" c="dimmed" lineClamp={1} data-testid="call-history-wrap-up">
            {t(`kb.categories.${call.wrapUp.category}`)} · {t(`phone.wrapUp.results.${call.wrapUp.result}`)}
            {call.wrapUp.note ? ` · ${call.wrapUp.note}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td w={40}>
        <Tooltip label={t('phone.history.callBack')} withArrow>
          <ActionIcon variant="light" color="teal" aria-label={`${t('phone.history.callBack')}: ${callNumberText(call.number)}`} data-testid="call-history-call" disabled={!canCall} onClick={() => dial(call.number)}>
            <IconPhoneCall size={16} />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
      <ProspectFromHistory item={item} />
    </Table.Tr>
  );
});
