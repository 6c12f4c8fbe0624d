// The reply to the customer, under the thread: written in the conversation's channel, sent with
// Ctrl+Enter or the button, queued in the outbox (shown at once as queued, sent when the server is
// reachable — offline it simply waits). The text is kept as a draft on this PC while typing; a reply
// the server refuses comes back into the field with the reason. «/» in an empty field or the button
// opens the canned responses, their variables filled from the customer's card; one left without a
// value stays {{…}} and blocks sending until the operator writes it. Outside WhatsApp's 24-hour
// window only an approved template may go out, and the composer says so. Files: pictures and PDF,
// checked before upload, uploaded through the main process while online.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, FileButton, Group, Loader, Paper, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconMessageBolt, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { REPLY_BODY_MAX, withRestoredText } from '../../../../contract/composer-ipc.ts';
import type { CannedResponse } from '../../../../contract/domain/canned-response.ts';
import type { Conversation, Message } from '../../../../contract/domain/conversation.ts';
import { usePult } from '../../api/api-context.tsx';
import { useConnectionStatus } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { formatDateTime } from '../customers/format.ts';
import { AttachmentDraftList } from './AttachmentDraftList.tsx';
import { CannedResponsePicker } from './CannedResponsePicker.tsx';
import { fillVariables, unfilledVariables } from './canned-variables.ts';
import { cannedFor } from './composer-canned.ts';
import { checkReplyFile, replyFileType, uploadReplyFile, type DraftFile } from './composer-files.ts';
import { TemplateReply } from './ReplyComposerTemplate.tsx';
import { templateToSend, type PickedTemplate } from './composer-template.ts';
import { useCannedValues } from './composer-values.ts';
import { replyWindow } from './composer-window.ts';
import { useCannedResponses, useDraftSaver, useReplyRefusals, useSendReply, useStoredDraft } from './use-reply.ts';

const WINDOW_TICK_MS = 30_000;

export function ReplyComposer({ conversation, messages }: { conversation: Conversation; messages: readonly Message[] }) {
  const stored = useStoredDraft(conversation.id);
  if (conversation.channel === 'phone') return null;
  if (stored.isPending) return <Loader size="xs" />;
  return <ComposerForm key={conversation.id} conversation={conversation} messages={messages} initialText={stored.data?.body ?? ''} />;
}

function ComposerForm({ conversation: c, messages, initialText }: { conversation: Conversation; messages: readonly Message[]; initialText: string }) {
  const { t, i18n } = useTranslation();
  const api = usePult();
  const [text, setText] = useState(initialText);
  const [files, setFiles] = useState<DraftFile[]>([]);
  const [template, setTemplate] = useState<PickedTemplate | null>(null);
  const [picker, setPicker] = useState<{ query: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const field = useRef<HTMLTextAreaElement>(null);
  const draft = useDraftSaver(c.id);
  const send = useSendReply();
  const values = useCannedValues(c.customerId);
  const offline = useConnectionStatus().data?.state === 'offline';
  const all = useCannedResponses().data?.responses ?? [];
  const win = replyWindow(c.channel, messages, now);
  const templatesOnly = win.kind === 'templates_only';
  const canned = cannedFor(all, c.channel, win);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), WINDOW_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // The files' thumbnails are blob: URLs of this page: let them go with the composer.
  const filesRef = useRef(files);
  useEffect(() => {
    filesRef.current = files;
  }, [files]);
  useEffect(() => () => filesRef.current.forEach((f) => f.previewUrl && URL.revokeObjectURL(f.previewUrl)), []);

  useReplyRefusals(c.id, (body, error) => {
    setText((current) => {
      const next = withRestoredText(current, body);
      draft.save(next);
      return next;
    });
    setNotice(t('composer.refused', { reason: errorMessage(t, error) }));
  });

  const change = (next: string) => {
    setText(next);
    draft.save(next);
  };

  const pick = (r: CannedResponse) => {
    setPicker(null);
    if (r.kind === 'whatsapp_template') {
      setTemplate({ response: r, edits: {} });
      return;
    }
    const filled = fillVariables(r.body, values).text;
    change(text.trim() ? `${text.trimEnd()}\n${filled}` : filled);
    requestAnimationFrame(() => field.current?.focus());
  };

  const addFiles = (chosen: File[]) => {
    setNotice(null);
    let count = files.length;
    const accepted: DraftFile[] = [];
    for (const file of chosen) {
      const problem = checkReplyFile(file, count);
      if (problem) {
        setNotice(t(`composer.files.problem.${problem.key}`, { name: file.name, ...problem }));
        continue;
      }
      count++;
      const image = replyFileType(file)?.startsWith('image/') ?? false;
      accepted.push({ key: crypto.randomUUID(), file, previewUrl: image ? URL.createObjectURL(file) : null, state: 'uploading', progress: 0 });
    }
    setFiles((fs) => [...fs, ...accepted]);
    const update = (key: string, patch: Partial<DraftFile>) => setFiles((fs) => fs.map((f) => (f.key === key ? { ...f, ...patch } : f)));
    for (const f of accepted) {
      uploadReplyFile(api, f.file, { onProgress: (progress) => update(f.key, { progress }) }).then(
        (attachment) => update(f.key, { state: 'ready', attachment, progress: 1 }),
        (e: unknown) => update(f.key, { state: 'failed', error: t('composer.files.failed', { reason: errorMessage(t, e) }) }),
      );
    }
  };
  const removeFile = (key: string) =>
    setFiles((fs) => {
      const gone = fs.find((f) => f.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return fs.filter((f) => f.key !== key);
    });

  const body = text.trim();
  const missing = templatesOnly ? [] : unfilledVariables(body);
  const uploading = files.some((f) => f.state === 'uploading');
  const failedFile = files.some((f) => f.state === 'failed');
  const toSend = templatesOnly ? (template ? templateToSend(template, values) : null) : null;
  const blocked =
    send.isPending ||
    uploading ||
    failedFile ||
    (templatesOnly ? !toSend || toSend.missing.length > 0 : missing.length > 0 || body.length > REPLY_BODY_MAX || (body.length === 0 && files.length === 0));

  const submit = () => {
    if (blocked) return;
    setNotice(null);
    const input = templatesOnly && toSend
      ? { conversationId: c.id, body: toSend.body, template: toSend.template }
      : { conversationId: c.id, body, attachments: files.flatMap(({ attachment: a }) => (a ? [{ id: a.id, fileName: a.fileName, mimeType: a.mimeType, size: a.size, sha256: a.sha256, refused: a.refused }] : [])) };
    // A save still waiting must not bring the text back after the main process clears the draft;
    // if queueing fails, the text is saved again.
    draft.drop();
    send.mutate(input, {
      onError: () => draft.save(text),
      onSuccess: () => {
        setText('');
        setTemplate(null);
        files.forEach((f) => f.previewUrl && URL.revokeObjectURL(f.previewUrl));
        setFiles([]);
      },
    });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === '/' && text === '' && canned.length > 0) {
      e.preventDefault();
      setPicker({ query: '' });
    }
  };

  return (
    <Paper withBorder p="xs" data-testid="reply-composer" data-window={win.kind}>
      <Stack gap={6}>
        {templatesOnly && (
          <Alert color="yellow" variant="light" p="xs" data-testid="composer-window-closed" title={t('composer.window.title')}>
            {win.kind === 'templates_only' && win.lastInboundAt
              ? t('composer.window.closedSince', { when: formatDateTime(win.lastInboundAt, i18n.language) })
              : t('composer.window.neverWrote')}{' '}
            {t('composer.window.templatesOnly')}
          </Alert>
        )}
        {offline && (
          <Text size="xs" c="orange" data-testid="composer-offline">
            {t('composer.offline')}
          </Text>
        )}
        {picker && (
          <CannedResponsePicker
            responses={canned}
            values={values}
            initialQuery={picker.query}
            onPick={pick}
            onClose={() => {
              setPicker(null);
              requestAnimationFrame(() => field.current?.focus());
            }}
          />
        )}
        {templatesOnly ? (
          <TemplateReply picked={template} values={values} onChange={setTemplate} onChoose={() => setPicker({ query: '' })} hasTemplates={canned.length > 0} />
        ) : (
          <Textarea
            ref={field}
            value={text}
            onChange={(e) => change(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            placeholder={t('composer.placeholder')}
            aria-label={t('composer.label')}
            autosize
            minRows={2}
            maxRows={10}
            maxLength={REPLY_BODY_MAX}
            data-testid="composer-input"
          />
        )}
        {missing.length > 0 && (
          <Text size="xs" c="orange" data-testid="composer-missing">
            {t('composer.missing', { list: missing.map((m) => `{{${m}}} (${t(`composer.variables.${m}`)})`).join(', ') })}
          </Text>
        )}
        {!templatesOnly && <AttachmentDraftList files={files} onRemove={removeFile} />}
        {notice && (
          <Alert color="red" variant="light" p="xs" withCloseButton onClose={() => setNotice(null)} data-testid="composer-notice" role="alert">
            {notice}
          </Alert>
        )}
        {send.error && <Text size="xs" c="red" role="alert">{t('composer.sendFailed', { reason: errorMessage(t, send.error) })}</Text>}
        <Group justify="space-between" gap={6}>
          <Group gap={6}>
            {!templatesOnly && (
              <Tooltip label={t('composer.canned.open')}>
                <Button size="xs" variant="default" leftSection={<IconMessageBolt size={14} />} onClick={() => setPicker(picker ? null : { query: '' })} disabled={canned.length === 0} data-testid="composer-canned">
                  {t('composer.canned.button')}
                </Button>
              </Tooltip>
            )}
            {!templatesOnly && (
              <FileButton onChange={addFiles} accept="image/jpeg,image/png,image/gif,image/webp,application/pdf" multiple>
                {(props) => (
                  <Tooltip label={offline ? t('composer.files.offline') : t('composer.files.hint')} multiline maw={260}>
                    <Button {...props} size="xs" variant="default" leftSection={<IconPaperclip size={14} />} data-testid="composer-attach">
                      {t('composer.files.attach')}
                    </Button>
                  </Tooltip>
                )}
              </FileButton>
            )}
          </Group>
          <Tooltip label={t('composer.hint')}>
            <Button size="xs" leftSection={<IconSend size={14} />} onClick={submit} loading={send.isPending} disabled={blocked} data-testid="composer-send">
              {t('composer.send')}
            </Button>
          </Tooltip>
        </Group>
      </Stack>
    </Paper>
  );
}
