// Files of the inbox for the client. POST uploads a file for a reply (the raw bytes as the body,
// its type in Content-Type, its name percent-encoded in X-File-Name; over the size limit → 413,
// nothing stored) and answers with the attachment a `message.reply` names in attachmentIds. The
// client may name the attachment's id itself (X-Attachment-Id): a file attached offline is kept on
// the operator's PC under that id, which the queued reply already carries, and is uploaded before
// the reply is pushed; sent again after a lost answer, the same id and bytes give the same
// attachment (200), other bytes under a taken id are a conflict (409). GET
// gives a message's file back: as a download, never sniffed, under a policy that keeps an HTML or
// SVG file from running anything even if opened on its own, and only to an agent whose replica holds
// the message (or who oversees every conversation).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MessageAttachment, type Role } from '../../../contract/index.ts';
import { authOf, type RequireRole } from '../auth/require-role.ts';
import { cleanFileName, cleanMimeType, sha256Hex, storeAttachment } from '../channels/attachment-store.ts';
import type { AppContext } from '../context.ts';
import { HttpError, notFound, parseInput } from '../http/errors.ts';

export const ATTACHMENTS_PATH = '/api/channels/attachments';
export const FILE_NAME_HEADER = 'x-file-name';
export const ATTACHMENT_ID_HEADER = 'x-attachment-id';

/** Who reads the inbox's files and replies with files (as message.reply allows). */
const MAY_UPLOAD: Role[] = ['operator', 'personal_manager', 'supervisor'];
const MAY_READ: Role[] = ['operator', 'personal_manager', 'supervisor', 'quality_manager'];
/** Roles that read any conversation's files (they oversee and check the service); others, their scope's. */
const SEE_EVERY_CONVERSATION: Role[] = ['supervisor', 'quality_manager', 'admin'];

/** Whether the message is in the agent's replica: an upsert of it in their part of the feed. */
async function inScope(ctx: AppContext, agentId: string, messageId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('sync_feed')
    .select('op')
    .where('entity', '=', 'message')
    .where('entity_id', '=', messageId)
    .where((eb) => eb.or([eb('audience', '=', agentId), eb('audience', 'is', null)]))
    .where('op', '=', 'upsert')
    .executeTakeFirst();
  return row !== undefined;
}

const Params = z.strictObject({ id: z.uuid() });
const UploadHeaders = z.object({
  [FILE_NAME_HEADER]: z.string().min(1).max(3 * 1024).transform((v, c) => {
    try {
      return decodeURIComponent(v);
    } catch {
      c.addIssue({ code: 'custom', message: 'the file name must be percent-encoded UTF-8' });
      return z.NEVER;
    }
  }),
  'content-type': z.string().max(255).optional(),
  [ATTACHMENT_ID_HEADER]: z.uuid().optional(),
});

export function registerChannelAttachmentRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  const maxBytes = ctx.settings.channels.attachmentMaxBytes;

  // Encapsulated: any content type arrives as raw bytes here, and only here.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    scope.post(ATTACHMENTS_PATH, { preHandler: requireRole(...MAY_UPLOAD), bodyLimit: maxBytes }, async (req, reply) => {
      const headers = parseInput(UploadHeaders, req.headers);
      const bytes = req.body;
      if (!Buffer.isBuffer(bytes) || bytes.byteLength === 0) throw new HttpError(400, 'invalid_input', 'the file is empty', 'body');
      const fileName = cleanFileName(headers[FILE_NAME_HEADER], 'file');
      const mimeType = cleanMimeType(headers['content-type']?.split(';')[0]?.trim());
      const wanted = headers[ATTACHMENT_ID_HEADER];
      const sha256 = sha256Hex(bytes);
      const stored = await ctx.db.transaction().execute(async (trx) => {
        if (wanted) {
          const taken = await trx.selectFrom('attachments').select(['sha256', 'file_name', 'mime_type', 'size']).where('id', '=', wanted).forUpdate().executeTakeFirst();
          if (taken && taken.sha256 !== sha256) throw new HttpError(409, 'conflict', 'another file already has this id', ATTACHMENT_ID_HEADER);
          if (taken) return { id: wanted, again: true, fileName: taken.file_name, mimeType: taken.mime_type };
        }
        const id = await storeAttachment(trx, { fileName, mimeType, bytes }, { messageId: null, position: 0, now: ctx.now(), ...(wanted ? { id: wanted } : {}) });
        return { id, again: false, fileName, mimeType };
      });
      const body = MessageAttachment.parse({ id: stored.id, fileName: stored.fileName, mimeType: stored.mimeType, size: bytes.byteLength, sha256, refused: null });
      return reply.code(stored.again ? 200 : 201).send(body);
    });
  });

  app.get(`${ATTACHMENTS_PATH}/:id`, { preHandler: requireRole(...MAY_READ) }, async (req, reply) => {
    const { id } = parseInput(Params, req.params);
    const agent = authOf(req).agent;
    const file = await ctx.db
      .selectFrom('attachments as a')
      .innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
      .select(['a.file_name', 'a.mime_type', 'a.message_id', 'b.bytes'])
      .where('a.id', '=', id)
      .executeTakeFirst();
    // A message's file only for whom the message is synced to (their scope, sync/scope.ts), unless
    // they oversee every conversation; a file not yet sent with a reply is known by id to its
    // uploader alone. Another's file is "not found", not "forbidden": its existence stays unsaid.
    if (!file || (file.message_id !== null && !SEE_EVERY_CONVERSATION.includes(agent.role) && !(await inScope(ctx, agent.id, file.message_id)))) {
      throw notFound('file');
    }
    return reply
      .header('content-type', file.mime_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=86400')
      .send(Buffer.from(file.bytes));
  });
}
