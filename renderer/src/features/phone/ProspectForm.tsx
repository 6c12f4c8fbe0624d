// A prospect's connection request, taken while an unknown number rings or talks (the screen pop) or
// after the call (its row in the call history): apartment building or private house, who to reach,
// the address (the flat's number only for an apartment building), a tariff of that type from the
// replica's catalogue, when to call back or visit. Saved into the outbox — offline too — and
// confirmed with the request's short number to tell the caller.
import { useState } from 'react';
import {
  ActionIcon, Alert, Autocomplete, Badge, Button, Group, Modal, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title, Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconClockHour4, IconHomePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { shortRequestId } from '../../../../contract/domain/connection-request.ts';
import type { ConnectionType } from '../../../../contract/domain/customer.ts';
import type { CallHistoryItem } from '../../../../contract/phone-ipc.ts';
import { toPultCallError } from '../../api/pult-error.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { formatMoney } from '../customers/format.ts';
import { callNumberText } from './call-format.ts';
import { isPhoneNumber } from './caller-number.ts';
import {
  checkProspect, citySuggestions, CONNECTION_TYPES, draftForCall, fieldOfError, PROSPECT_LIMITS, prospectDrafts, prospectInput, REGIONS, tariffsFor,
  withCity, withConnectionType, withRegion, type ProspectDraft, type ProspectField,
} from './prospect-form.ts';
import { useCreateConnectionRequest, useMyConnectionRequests, useTariffCatalogue } from './use-prospect-api.ts';

interface FormProps {
  /** The call it is taken in (or after); drafts are kept per call. */
  callId: string;
  number: string;
  onSaved: (requestId: string) => void;
  onClose: () => void;
}

export function ProspectForm({ callId, number, onSaved, onClose }: FormProps) {
  const { t, i18n } = useTranslation();
  const catalogue = useTariffCatalogue();
  const create = useCreateConnectionRequest();
  const [draft, setDraft] = useState<ProspectDraft>(() => prospectDrafts.get(callId) ?? draftForCall(number));
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<{ field: ProspectField; message: string } | null>(null);
  const tariffs = catalogue.data?.tariffs ?? [];
  const problems = tried ? checkProspect(draft, tariffs) : {};
  const patch = (p: Partial<ProspectDraft> | ((d: ProspectDraft) => ProspectDraft)) =>
    setDraft((d) => {
      const next = typeof p === 'function' ? p(d) : { ...d, ...p };
      prospectDrafts.set(callId, next);
      return next;
    });
  const error = (field: ProspectField) => {
    if (problems[field]) return t(`phone.prospect.problems.${problems[field]}`);
    return refused?.field === field ? refused.message : null;
  };
  const text = (field: ProspectField & keyof ProspectDraft & keyof typeof PROSPECT_LIMITS, required = true) => ({
    'data-testid': `prospect-${field}`,
    label: t(`phone.prospect.${field}`),
    value: draft[field] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => patch({ [field]: e.currentTarget.value }),
    maxLength: PROSPECT_LIMITS[field],
    error: error(field),
    withAsterisk: required,
  });
  const isApartment = draft.connectionType === 'apartment_ethernet';

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    setRefused(null);
    const input = prospectInput(draft, tariffs, callId);
    if (!input) return;
    try {
      const { request } = await create.mutateAsync(input);
      prospectDrafts.clear(callId);
      onSaved(request.id);
    } catch (err) {
      const field = fieldOfError(toPultCallError(err).field);
      if (field) setRefused({ field, message: t('phone.prospect.problems.invalid') });
      notifications.show({ color: 'red', title: t('phone.prospect.saveFailed'), message: errorMessage(t, err) });
    }
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={save} noValidate data-testid="prospect-form" aria-labelledby="prospect-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="prospect-title">
            {t('phone.prospect.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('phone.prospect.fromCall', { number: callNumberText(number) })}
          </Text>
        </div>
        <SegmentedControl
          data-testid="prospect-type"
          data-value={draft.connectionType}
          aria-label={t('phone.prospect.type')}
          fullWidth
          value={draft.connectionType}
          onChange={(v) => patch((d) => withConnectionType(d, v as ConnectionType, tariffs))}
          data={CONNECTION_TYPES.map((c) => ({ value: c, label: t(`phone.prospect.types.${c}`) }))}
        />
        <Group grow align="flex-start">
          <TextInput {...text('contactName')} autoComplete="off" />
          <TextInput
            data-testid="prospect-phone"
            label={t('phone.prospect.phone')}
            value={draft.phone}
            onChange={(e) => patch({ phone: e.currentTarget.value })}
            error={error('phone')}
            withAsterisk
            inputMode="tel"
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            data-testid="prospect-region"
            label={t('phone.prospect.region')}
            data={REGIONS}
            value={draft.region}
            allowDeselect={false}
            onChange={(v) => v && patch((d) => withRegion(d, v))}
            error={error('region')}
            withAsterisk
          />
          <Autocomplete
            data-testid="prospect-city"
            label={t('phone.prospect.city')}
            placeholder={t('phone.prospect.cityPlaceholder')}
            data={citySuggestions(draft.city).map((p) => ({ group: p.region, items: p.cities }))}
            filter={({ options }) => options}
            value={draft.city}
            onChange={(v) => patch((d) => withCity(d, v))}
            maxLength={PROSPECT_LIMITS.city}
            error={error('city')}
            withAsterisk
          />
        </Group>
        <Group grow align="flex-start" wrap="nowrap">
          <TextInput {...text('street')} style={{ flexGrow: 3 }} />
          <TextInput {...text('house')} />
          {isApartment && <TextInput {...text('apartment')} />}
        </Group>
        <Select
          data-testid="prospect-tariff"
          label={t('phone.prospect.tariff')}
          placeholder={t('phone.prospect.tariffPlaceholder')}
          data={tariffsFor(tariffs, draft.connectionType).map((x) => ({
            value: x.id,
            label: t('phone.prospect.tariffOption', { name: x.name, speed: x.speedMbps, fee: formatMoney(x.monthlyFee, i18n.language) }),
          }))}
          value={draft.tariffId}
          onChange={(v) => patch({ tariffId: v })}
          nothingFoundMessage={t('phone.prospect.noTariffs')}
          clearable
          error={error('tariffId')}
        />
        <TextInput {...text('preferredTime', false)} placeholder={t('phone.prospect.preferredTimePlaceholder')} />
        <Textarea {...text('comment', false)} autosize minRows={2} maxRows={5} />
        <Group justify="flex-end" gap="sm">
          <Button variant="subtle" color="gray" data-testid="prospect-close" onClick={onClose} disabled={create.isPending}>
            {t('phone.prospect.close')}
          </Button>
          <Button type="submit" data-testid="prospect-save" loading={create.isPending}>
            {t('phone.prospect.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Saved: the number to tell the caller, and whether it has reached the server yet. */
function ProspectSaved({ requestId, onAnother }: { requestId: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const mine = useMyConnectionRequests();
  const item = mine.data?.items.find((i) => i.request.id === requestId);
  const pending = item?.pending ?? true;
  return (
    <Alert variant="light" color="teal" icon={<IconCircleCheck size={18} />} data-testid="prospect-saved" data-request-id={requestId} data-pending={String(pending)}
      title={t('phone.prospect.saved', { id: shortRequestId(requestId) })}>
      <Stack gap={6} align="flex-start">
        <Text size="sm">{t('phone.prospect.savedHint')}</Text>
        <Group gap="xs">
          {pending ? (
            <Badge variant="light" color="gray" leftSection={<IconClockHour4 size={11} aria-hidden />} data-testid="prospect-saved-state">
              {t('phone.prospect.pending')}
            </Badge>
          ) : (
            <Badge variant="light" color="teal" data-testid="prospect-saved-state">
              {t('phone.prospect.sent')}
            </Badge>
          )}
          <Button variant="subtle" size="compact-sm" onClick={onAnother} data-testid="prospect-another">
            {t('phone.prospect.another')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The screen pop's part for an unknown number: the button, then the form, then the confirmation. */
export function ProspectEntry({ callId, number }: { callId: string; number: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => prospectDrafts.get(callId) !== undefined);
  const [saved, setSaved] = useState<string | null>(null);
  if (saved) return <ProspectSaved requestId={saved} onAnother={() => { setSaved(null); setOpen(true); }} />;
  if (open) return <ProspectForm callId={callId} number={number} onSaved={(id) => { setOpen(false); setSaved(id); }} onClose={() => setOpen(false)} />;
  return (
    <Button variant="light" leftSection={<IconHomePlus size={16} />} onClick={() => setOpen(true)} data-testid="prospect-open" style={{ alignSelf: 'flex-start' }}>
      {t('phone.prospect.open')}
    </Button>
  );
}

/** A call history row's cell: for a number that is nobody's, the request form after the call. */
export function ProspectFromHistory({ item }: { item: CallHistoryItem }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const { call } = item;
  if (item.customerName || call.customerId || !isPhoneNumber(call.number)) return <Table.Td w={40} />;
  const close = () => {
    setOpen(false);
    setSaved(null);
  };
  return (
    <Table.Td w={40}>
      <Tooltip label={t('phone.prospect.open')} withArrow>
        <ActionIcon variant="light" aria-label={`${t('phone.prospect.open')}: ${callNumberText(call.number)}`} data-testid="call-history-prospect" onClick={() => setOpen(true)}>
          <IconHomePlus size={16} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={open} onClose={close} size="xl" withCloseButton={false} padding={0}>
        {saved ? (
          <ProspectSaved requestId={saved} onAnother={() => setSaved(null)} />
        ) : (
          <ProspectForm callId={call.id} number={call.number} onSaved={setSaved} onClose={close} />
        )}
      </Modal>
    </Table.Td>
  );
}
