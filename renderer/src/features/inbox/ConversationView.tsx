// One conversation in the Inbox: a header (channel, who, subject, status, category) and the thread
// in its channel's look — letters for e-mail, bubbles for WhatsApp and Telegram, the calls with their
// wrap-up for phone, pages for fax — with internal notes set apart, the replies still waiting to be
// sent, the reply composer (not for phone conversations) and the note composer.
import { useEffect } from 'react';
import { Alert, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QueuedReply } from '../../../../contract/composer-ipc.ts';
import type { ConversationThread } from '../../../../contract/conversations-ipc.ts';
import type { Message } from '../../../../contract/domain/conversation.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { NoteComposer } from '../conversations/NoteComposer.tsx';
import { useConversation } from '../conversations/use-conversations.ts';
import { useWrapUpCodes } from '../phone/use-phone-api.ts';
import { CHANNEL_LOOK, STATUS_COLOR } from './channel-look.ts';
import { ChatBubble } from './ChatBubble.tsx';
import { ConversationActions } from './ConversationActions.tsx';
import { EmailMessage } from './EmailMessage.tsx';
import { FaxMessage } from './FaxMessage.tsx';
import { InternalNote } from './InternalNote.tsx';
import { PhoneCalls } from './PhoneCalls.tsx';
import { SlaTimer } from './SlaTimer.tsx';
import { ReplyComposer } from './ReplyComposer.tsx';
import { useQueuedReplies } from './use-reply.ts';
import { useInboxCalls, useMarkSeen } from './use-inbox.ts';

export function ConversationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const thread = useConversation(id);
  const markSeen = useMarkSeen();
  const { mutate } = markSeen;
  useEffect(() => mutate(id), [id, mutate]);
  if (thread.isPending) return <Loader size="sm" m="md" />;
  if (thread.error) return <Text c="red" size="sm" role="alert">{t('inbox.threadFailed', { reason: errorMessage(t, thread.error) })}</Text>;
  if (!thread.data) return <Alert color="gray" data-testid="inbox-conversation-gone">{t('inbox.gone')}</Alert>;
  return <Thread data={thread.data} />;
}

/** A reply still in the outbox, drawn like the message it becomes: ours, queued (a clock). */
function queuedReplyMessage(conversationId: string, r: QueuedReply): Message {
  return {
    id: r.messageId, conversationId, direction: 'out', authorAgentId: null, body: r.body, createdAt: r.queuedAt,
    delivery: { status: 'queued', errorCode: null, error: null, at: r.queuedAt }, attachments: r.attachments, template: r.template,
  };
}

function Thread({ data }: { data: ConversationThread }) {
  const { t } = useTranslation();
  const { conversation: c, customerName, messages, authors, queuedNotes } = data;
  const phone = c.channel === 'phone';
  const calls = useInboxCalls(c.id, phone);
  const queued = useQueuedReplies(c.id);
  const codes = useWrapUpCodes();
  const look = CHANNEL_LOOK[c.channel];
  const Icon = look.icon;
  const customer = customerName ?? c.externalAddress;
  const sender = (m: Message) => {
    if (m.direction === 'in') return c.channel === 'email' && customerName ? `${customerName} <${c.externalAddress}>` : customer;
    const agent = m.authorAgentId ? authors[m.authorAgentId] : undefined;
    return agent ? `${agent} · ${t('inbox.from.us')}` : t('inbox.from.us');
  };
  const chat = c.channel === 'whatsapp' || c.channel === 'telegram';
  const item = (m: Message) => {
    if (m.direction === 'internal_note') return <InternalNote key={m.id} author={m.authorAgentId ? (authors[m.authorAgentId] ?? null) : null} body={m.body} at={m.createdAt} />;
    if (c.channel === 'email') return <EmailMessage key={m.id} message={m} sender={sender(m)} subject={c.subject} />;
    if (c.channel === 'fax') return <FaxMessage key={m.id} message={m} sender={sender(m)} />;
    return <ChatBubble key={m.id} message={m} who={chat ? null : sender(m)} />;
  };
  return (
    <Stack gap="sm" data-testid="inbox-conversation" data-channel={c.channel} data-id={c.id}>
      <div>
        <Group gap={8} wrap="nowrap">
          <Icon size={20} stroke={1.7} color={`var(--mantine-color-${look.color}-6)`} aria-label={t(`inbox.channel.${c.channel}`)} role="img" style={{ flexShrink: 0 }} />
          <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }} data-testid="inbox-conversation-who">
            {customer}
          </Title>
        </Group>
        <Group gap={6} mt={4}>
          {customerName && <Text size="xs" c="dimmed">{c.externalAddress}</Text>}
          <Badge size="sm" variant="light" color={STATUS_COLOR[c.status]} data-testid="inbox-conversation-status">{t(`inbox.status.${c.status}`)}</Badge>
          {c.category && <Badge size="sm" variant="outline" color="gray">{t(`kb.categories.${c.category}`)}</Badge>}
          <SlaTimer sla={c.sla} status={c.status} createdAt={c.createdAt} size="sm" />
        </Group>
        {c.subject && c.channel !== 'email' && <Text size="sm" mt={4}>{c.subject}</Text>}
      </div>
      <ConversationActions conversation={c} />
      {phone && (calls.data ? <PhoneCalls calls={calls.data.calls} codes={codes.data?.codes ?? []} /> : calls.error ? <Text c="red" size="sm">{errorMessage(t, calls.error)}</Text> : <Loader size="xs" />)}
      <Stack gap={8} className={chat ? 'pult-chat' : undefined} data-testid="conversation-thread">
        {messages.map(item)}
        {queuedNotes.map((n) => <InternalNote key={n.noteId} author={null} body={n.body} at={n.queuedAt} queued />)}
        {(queued.data?.replies ?? []).filter((r) => !messages.some((m) => m.id === r.messageId)).map((r) => item(queuedReplyMessage(c.id, r)))}
      </Stack>
      <ReplyComposer conversation={c} messages={messages} />
      <NoteComposer conversationId={c.id} />
    </Stack>
  );
}
