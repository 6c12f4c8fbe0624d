// The parts of the Cloud API's webhook payload the inbox reads (object whatsapp_business_account,
// field "messages": value.messages[] from customers, value.statuses[] of our replies), and of the
// Graph API's answers. Unknown fields are dropped; message types the inbox does not keep (audio,
// sticker, location, reaction…) pass with their type and are acknowledged.
import { z } from 'zod';

const digits = z.string().regex(/^\d{1,32}$/);
const unixSeconds = z.string().regex(/^\d{1,12}$/).transform((s) => new Date(Number(s) * 1000));
const wamid = z.string().min(1).max(256);
const mediaId = z.string().regex(/^[\w.-]{1,256}$/);

const Media = z.object({
  id: mediaId,
  mime_type: z.string().max(255).optional(),
  sha256: z.string().max(128).optional(),
  caption: z.string().max(4096).optional(),
  filename: z.string().max(1024).optional(),
});

export const WhatsAppMessage = z.object({
  from: digits,
  id: wamid,
  timestamp: unixSeconds,
  type: z.string().max(64),
  text: z.object({ body: z.string().max(65_536) }).optional(),
  image: Media.optional(),
  document: Media.optional(),
});
export type WhatsAppMessage = z.infer<typeof WhatsAppMessage>;

export const WhatsAppStatus = z.object({
  id: wamid,
  status: z.string().max(32),
  timestamp: unixSeconds,
  recipient_id: z.string().max(64).optional(),
  errors: z.array(z.object({ code: z.number().int(), title: z.string().max(2000).optional(), message: z.string().max(2000).optional(), error_data: z.object({ details: z.string().max(2000) }).optional() })).max(10).optional(),
});
export type WhatsAppStatus = z.infer<typeof WhatsAppStatus>;

export const WhatsAppWebhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({
    id: z.string().max(64),
    changes: z.array(z.object({
      field: z.string().max(64),
      value: z.object({
        messaging_product: z.literal('whatsapp').optional(),
        metadata: z.object({ display_phone_number: z.string().max(32), phone_number_id: z.string().max(64) }).optional(),
        contacts: z.array(z.object({ wa_id: digits, profile: z.object({ name: z.string().max(256) }).optional() })).max(100).optional(),
        messages: z.array(WhatsAppMessage).max(100).optional(),
        statuses: z.array(WhatsAppStatus).max(100).optional(),
      }),
    })).max(100),
  })).max(100),
});
export type WhatsAppWebhook = z.infer<typeof WhatsAppWebhook>;

/** GET /{media-id}: where to download the file from, and what it is. */
export const GraphMedia = z.object({
  url: z.url({ protocol: /^https?$/ }),
  mime_type: z.string().max(255),
  sha256: z.string().max(128).optional(),
  file_size: z.number().int().nonnegative().optional(),
  id: z.string().max(256),
});

/** POST /{phone-number-id}/messages answer. */
export const GraphSent = z.object({ messages: z.array(z.object({ id: wamid })).min(1) });
/** POST /{phone-number-id}/media answer. */
export const GraphUploaded = z.object({ id: mediaId });

export const GraphError = z.object({
  error: z.object({
    message: z.string().max(2000),
    code: z.number().int(),
    error_data: z.object({ details: z.string().max(2000) }).optional(),
  }),
});
