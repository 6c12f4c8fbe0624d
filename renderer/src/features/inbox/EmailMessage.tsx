// A letter: who wrote it and when, the subject, then the body — HTML sanitised (SafeEmailHtml), plain
// text with the quoted letter folded under "показать цитату" — and the attachments.
import { useState } from 'react';
import { Anchor, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../contract/domain/conversation.ts';
import { looksLikeHtml } from '../../../../contract/inbox-ipc.ts';
import { formatDateTime } from '../customers/format.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { SafeEmailHtml } from './SafeEmailHtml.tsx';
import { splitQuote } from './split-quote.ts';

export function EmailMessage({ message, sender, subject }: { message: Message; sender: string; subject: string | null }) {
  const { t, i18n } = useTranslation();
  const ours = message.direction === 'out';
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="thread-message" data-direction={message.direction} data-look="email" className={ours ? 'pult-mail pult-mail-ours' : 'pult-mail'}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="mail-sender">
            <Text span size="xs" c="dimmed" fw={400}>{t('inbox.mail.from')}: </Text>
            {sender}
          </Text>
          {subject && (
            <Text size="xs" truncate data-testid="mail-subject">
              <Text span size="xs" c="dimmed">{t('inbox.mail.subject')}: </Text>
              {subject}
            </Text>
          )}
        </div>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(message.createdAt, i18n.language)}</Text>
      </Group>
      <div style={{ marginTop: 8 }}>{looksLikeHtml(message.body) ? <SafeEmailHtml html={message.body} /> : <PlainLetter text={message.body} />}</div>
      <AttachmentList files={message.attachments ?? []} />
    </Paper>
  );
}

function PlainLetter({ text }: { text: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { own, quote } = splitQuote(text);
  return (
    <div>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{own}</Text>
      {quote && (
        <>
          <Anchor component="button" type="button" size="xs" mt={4} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="mail-quote-toggle">
            {open ? t('inbox.mail.hideQuote') : t('inbox.mail.showQuote')}
          </Anchor>
          {open && (
            <Text size="xs" c="dimmed" className="pult-mail-quote" data-testid="mail-quote">
              {quote}
            </Text>
          )}
        </>
      )}
    </div>
  );
}
