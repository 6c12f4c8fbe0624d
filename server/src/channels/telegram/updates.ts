// The parts of the Bot API's Update (https://core.telegram.org/bots/api#update) the inbox reads.
// Unknown fields are dropped, unknown update kinds (edited_message, callback_query…) pass the
// schema without a `message` and are acknowledged, not stored.
import { z } from 'zod';

const id = z.number().int().min(-(2 ** 53)).max(2 ** 53);
const fileId = z.string().min(1).max(512);

export const TelegramUser = z.object({
  id,
  is_bot: z.boolean(),
  first_name: z.string().max(256),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
});

export const TelegramChat = z.object({
  id,
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  username: z.string().max(64).optional(),
});

export const TelegramPhotoSize = z.object({
  file_id: fileId,
  file_unique_id: z.string().max(512),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  file_size: z.number().int().nonnegative().optional(),
});

export const TelegramDocument = z.object({
  file_id: fileId,
  file_unique_id: z.string().max(512),
  file_name: z.string().max(1024).optional(),
  mime_type: z.string().max(255).optional(),
  file_size: z.number().int().nonnegative().optional(),
});

export const TelegramMessage = z.object({
  message_id: z.number().int().nonnegative(),
  from: TelegramUser.optional(),
  date: z.number().int().nonnegative(),
  chat: TelegramChat,
  text: z.string().max(4096).optional(),
  caption: z.string().max(4096).optional(),
  photo: z.array(TelegramPhotoSize).min(1).max(32).optional(),
  document: TelegramDocument.optional(),
});
export type TelegramMessage = z.infer<typeof TelegramMessage>;

export const TelegramUpdate = z.object({
  update_id: z.number().int().nonnegative(),
  message: TelegramMessage.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

/** The Bot API's answer envelope: {ok: true, result} or {ok: false, error_code, description}. */
export const okOf = <S extends z.ZodType>(result: S) => z.object({ ok: z.literal(true), result });
export const TelegramError = z.object({
  ok: z.literal(false),
  error_code: z.number().int(),
  description: z.string().max(2000),
  parameters: z.object({ retry_after: z.number().int().optional() }).optional(),
});

export const TelegramFile = z.object({
  file_id: fileId,
  file_unique_id: z.string().max(512),
  file_size: z.number().int().nonnegative().optional(),
  file_path: z.string().min(1).max(1024).optional(),
});

export const TelegramSentMessage = z.object({ message_id: z.number().int().nonnegative(), chat: TelegramChat });
