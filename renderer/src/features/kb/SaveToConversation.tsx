// At the end of a script: the path taken saved as an internal note into one of the operator's
// conversations (open ones first), queued like any note, so it works offline too.
import { useState } from 'react';
import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useAddNote, useRecentConversations } from '../conversations/use-conversations.ts';

export function SaveToConversation({ text }: { text: string }) {
  const { t } = useTranslation();
  const recent = useRecentConversations();
  const add = useAddNote();
  const connection = useConnectionStatus();
  const [picked, setPicked] = useState<string | null>(null);
  const options = (recent.data ?? []).map((c) => ({
    value: c.id,
    label: [c.customerName ?? c.externalAddress, c.subject ?? t(`customers.channels.${c.channel}`), t(`customers.statuses.${c.status}`)].join(' · '),
  }));
  const chosen = picked ?? options[0]?.value ?? null;
  if (recent.isSuccess && options.length === 0) {
    return (
      <Text size="xs" c="dimmed" mt="xs">
        {t('scripts.save.none')}
      </Text>
    );
  }
  const save = () => {
    if (!chosen) return;
    add.mutate(
      { conversationId: chosen, body: text },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t(connection.data?.state === 'offline' ? 'scripts.save.savedOffline' : 'scripts.save.saved') }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(t, e) }),
      },
    );
  };
  return (
    <Group gap="xs" mt="sm" align="flex-end" wrap="nowrap">
      <Select
        label={t('scripts.save.label')}
        placeholder={t('scripts.save.pick')}
        data={options}
        value={chosen}
        onChange={setPicked}
        allowDeselect={false}
        searchable
        style={{ flex: 1, minWidth: 0 }}
        comboboxProps={{ withinPortal: true }}
        data-testid="script-save-target"
      />
      <Button leftSection={<IconDeviceFloppy size={16} />} onClick={save} loading={add.isPending} disabled={!chosen} data-testid="script-save">
        {t('scripts.save.button')}
      </Button>
    </Group>
  );
}
