// The reply composer between the renderer and the main process: sending a reply (queued in the
// outbox with the reply shown at once, works offline), the replies still waiting there, the
// replica's canned responses, the operator's local drafts, and files uploaded for a reply through
// the main process in chunks (a call carries at most MAX_CALL_BYTES of JSON).
import { z } from 'zod';
import { CannedResponse } from './domain/canned-response.ts';
import { MessageAttachment, MessageTemplate } from './domain/conversation.ts';

/** The server's limit on one file (server settings attachmentMaxBytes, 50 MB by default). */
export const REPLY_FILE_MAX_BYTES = 50 * 1024 * 1024;
/** What a reply may carry: pictures and PDF. */
export const REPLY_FILE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] as const;
export const ReplyFileType = z.enum(REPLY_FILE_TYPES);
export type ReplyFileType = z.infer<typeof ReplyFileType>;
export const REPLY_FILES_MAX = 10;
/** Bytes of one upload chunk before base64 (≈ 700 KB of JSON, well under MAX_CALL_BYTES). */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
export const REPLY_BODY_MAX = 4096;
export const DRAFT_BODY_MAX = 20_000;

export const ConversationRef = z.strictObject({ conversationId: z.uuid() });

/** The reply as the renderer gives it; the main process makes its id. */
export const SendReplyInput = z
  .strictObject({
    conversationId: z.uuid(),
    body: z.string().trim().max(REPLY_BODY_MAX),
    attachments: z.array(MessageAttachment).max(REPLY_FILES_MAX).default([]),
    template: MessageTemplate.optional(),
  })
  .refine((r) => r.body.length > 0 || r.attachments.length > 0 || r.template !== undefined, { message: 'a reply needs words, a file or a template', path: ['body'] });
export type SendReplyInput = z.input<typeof SendReplyInput>;
export const SendReplyResult = z.object({ queued: z.literal(true), messageId: z.uuid() });

/** A reply still in the outbox: shown in the thread as queued until the server has it. */
export const QueuedReply = z.object({
  messageId: z.uuid(),
  body: z.string(),
  attachments: z.array(MessageAttachment),
  template: MessageTemplate.nullable(),
  queuedAt: z.iso.datetime({ offset: true }),
});
export type QueuedReply = z.infer<typeof QueuedReply>;
export const QueuedReplies = z.object({ replies: z.array(QueuedReply).max(500) });

export const ReplyDraft = z.object({ body: z.string().max(DRAFT_BODY_MAX), updatedAt: z.iso.datetime({ offset: true }) });
export type ReplyDraft = z.infer<typeof ReplyDraft>;
/** An empty body removes the draft. */
export const SaveDraftInput = ConversationRef.extend({ body: z.string().max(DRAFT_BODY_MAX) });
export type SaveDraftInput = z.infer<typeof SaveDraftInput>;

export const CannedResponses = z.object({ responses: z.array(CannedResponse).max(2000) });

export const UploadStartInput = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  mimeType: ReplyFileType,
  size: z.number().int().min(1).max(REPLY_FILE_MAX_BYTES),
});
export type UploadStartInput = z.infer<typeof UploadStartInput>;
export const UploadId = z.strictObject({ uploadId: z.uuid() });
/**
 * An uploaded file, or (`waiting`) one kept on this PC because the server could not be reached:
 * the reply can be sent with it, and the sync uploads it before the reply.
 */
export const UploadedFile = MessageAttachment.extend({ waiting: z.literal(true).optional() });
export type UploadedFile = z.infer<typeof UploadedFile>;
export const UploadChunkInput = UploadId.extend({
  /** Chunks come in order from 0. */
  index: z.number().int().min(0).max(Math.ceil(REPLY_FILE_MAX_BYTES / UPLOAD_CHUNK_BYTES)),
  data: z.base64().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
});
export type UploadChunkInput = z.infer<typeof UploadChunkInput>;

/**
 * A draft with a refused reply's text put back: kept whole, never twice, after what was typed since.
 * The main process does it in the replica, the open composer in its field; either order ends equal.
 */
export function withRestoredText(current: string, restored: string): string {
  const back = restored.trim();
  if (!back || current.includes(back)) return current;
  return current.trim() ? `${current.trimEnd()}\n\n${back}` : back;
}

const Ok = z.object({ ok: z.literal(true) });

/** Spread into contract/inbox-ipc.ts INBOX_METHODS. */
export const COMPOSER_METHODS = {
  /** A reply in the conversation's channel: queued (shown at once, works offline); a refusal comes back as sync.rejected. */
  'composer.send': { input: SendReplyInput, output: SendReplyResult },
  /** Replies of the conversation still in the outbox, oldest first. */
  'composer.queued': { input: ConversationRef, output: QueuedReplies },
  /** The replica's active canned responses and WhatsApp templates, in order. */
  'composer.cannedResponses': { input: z.strictObject({}), output: CannedResponses },
  /** The unsent text of a conversation on this PC, or null. */
  'composer.getDraft': { input: ConversationRef, output: ReplyDraft.nullable() },
  'composer.saveDraft': { input: SaveDraftInput, output: Ok },
  /** A file for a reply, sent to the server through the main process: start, chunks, finish. */
  'composer.uploadStart': { input: UploadStartInput, output: UploadId },
  'composer.uploadChunk': { input: UploadChunkInput, output: Ok },
  /** The file goes to the server (or waits on this PC while offline); the answer is what `attachments` of composer.send carries. */
  'composer.uploadFinish': { input: UploadId, output: UploadedFile },
  'composer.uploadCancel': { input: UploadId, output: Ok },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
