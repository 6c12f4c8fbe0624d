// Writing an internal note in a conversation: Ctrl+Enter or the button adds it; it works offline
// (the note waits in the outbox) and the field is cleared only once the note is queued.
import { useState } from 'react';
import { Button, Group, Text, Textarea } from '@mantine/core';
import { IconNote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/error-message.ts';
import { useAddNote } from './use-conversations.ts';

export function NoteComposer({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const add = useAddNote();
  const submit = () => {
    if (!body.trim() || add.isPending) return;
    add.mutate({ conversationId, body }, { onSuccess: () => setBody('') });
  };
  return (
    <div>
      <Textarea
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        placeholder={t('conversations.notePlaceholder')}
        aria-label={t('conversations.notePlaceholder')}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={20_000}
        error={add.error ? errorMessage(t, add.error) : undefined}
        data-testid="note-input"
      />
      <Group justify="space-between" mt={6}>
        <Text size="xs" c="dimmed">
          {t('conversations.addNoteHint')}
        </Text>
        <Button size="xs" leftSection={<IconNote size={14} />} onClick={submit} loading={add.isPending} disabled={!body.trim()} data-testid="note-add">
          {t('conversations.addNote')}
        </Button>
      </Group>
    </div>
  );
}
