// A message's file (a fax's pages: PDF or TIFF, or a PNG/JPEG picture) brought from the central
// server by the main process, so the renderer can draw it: the renderer's CSP loads nothing from the
// server, and the agent's token stays in the main process. A call carries at most MAX_CALL_BYTES of
// JSON, so the file comes in chunks: the first call downloads it (once; it is kept in a bounded cache)
// and every call answers ATTACHMENT_CHUNK_BYTES of it from `offset`. Only bytes that really are one
// of ATTACHMENT_PAGE_TYPES (by their first bytes, not by what the sender or server says) are given.
import { z } from 'zod';

/** The server's limit for a stored attachment (server/src/channels/settings.ts). */
export const ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;
/** Bytes of one answer before base64 (≈ 700 KB of JSON, under MAX_CALL_BYTES). */
export const ATTACHMENT_CHUNK_BYTES = 512 * 1024;
export const ATTACHMENT_PAGE_TYPES = ['application/pdf', 'image/tiff', 'image/png', 'image/jpeg'] as const;
export type AttachmentPageType = (typeof ATTACHMENT_PAGE_TYPES)[number];

export const AttachmentBytesInput = z.strictObject({
  id: z.uuid(),
  offset: z.number().int().min(0).max(ATTACHMENT_MAX_BYTES).multipleOf(ATTACHMENT_CHUNK_BYTES),
});
export type AttachmentBytesInput = z.infer<typeof AttachmentBytesInput>;

export const ATTACHMENT_REFUSALS = ['unreachable', 'timeout', 'too_large', 'not_a_page', 'not_found', 'forbidden', 'http_error'] as const;
export const AttachmentRefusal = z.enum(ATTACHMENT_REFUSALS);
export type AttachmentRefusal = z.infer<typeof AttachmentRefusal>;

export const AttachmentBytes = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    type: z.enum(ATTACHMENT_PAGE_TYPES),
    /** The whole file's size; the renderer asks again from offset + chunk until it has them all. */
    size: z.number().int().min(1).max(ATTACHMENT_MAX_BYTES),
    offset: z.number().int().min(0).max(ATTACHMENT_MAX_BYTES),
    base64: z.base64().max(Math.ceil(ATTACHMENT_CHUNK_BYTES / 3) * 4),
  }),
  z.strictObject({ ok: z.literal(false), reason: AttachmentRefusal }),
]);
export type AttachmentBytes = z.infer<typeof AttachmentBytes>;

export const ATTACHMENT_BYTES_METHODS = {
  /** A chunk of one message file from the server, through the main process (see above). */
  'inbox.attachmentBytes': { input: AttachmentBytesInput, output: AttachmentBytes },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
