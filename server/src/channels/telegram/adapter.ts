// Replies through the Bot API: words alone with sendMessage; files with sendPhoto (pictures the
// Bot API accepts as photos) or sendDocument, the words as the first file's caption when they fit
// (1024 characters), else as a message of their own before the files. The first message sent is
// the reply's channel id. Once part of a reply went out, a later failure is final: retrying would
// send the first part twice.
import type { ChannelAdapter, OutboundFile, SendResult } from '../adapter.ts';
import type { ApiOutcome } from '../http-client.ts';
import type { BotApi } from './bot-api.ts';
import { telegramErrorOf } from './bot-api.ts';

const CAPTION_MAX = 1024;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

const asPhoto = (f: OutboundFile) => PHOTO_TYPES.has(f.mimeType) && f.bytes.byteLength <= PHOTO_MAX_BYTES;

export function telegramAdapter(api: BotApi): ChannelAdapter {
  return {
    async send(reply): Promise<SendResult> {
      if (reply.template) return { ok: false, retryable: false, code: 'channel_rejected', description: 'templates are a WhatsApp feature' };
      const chatId = reply.to;
      const steps: Array<() => Promise<ApiOutcome<{ message_id: number }>>> = [];
      const captionFits = reply.files.length > 0 && reply.body.length <= CAPTION_MAX;
      if (reply.body && !captionFits) steps.push(() => api.sendMessage(chatId, reply.body));
      reply.files.forEach((f, i) => {
        steps.push(() => api.sendFile(asPhoto(f) ? 'sendPhoto' : 'sendDocument', chatId, f, i === 0 && captionFits ? reply.body : ''));
      });
      let first: number | null = null;
      for (const step of steps) {
        const r = await step();
        if (!r.ok) {
          const e = telegramErrorOf(r);
          return { ok: false, retryable: e.retryable && first === null, code: e.retryable ? 'channel_unreachable' : 'channel_rejected', description: e.description };
        }
        first ??= r.data.message_id;
      }
      if (first === null) return { ok: false, retryable: false, code: 'channel_rejected', description: 'an empty reply' };
      return { ok: true, channelMessageId: `${chatId}:${first}` };
    },
  };
}
