// The Bot API calls the inbox makes: getFile + download for incoming files, sendMessage,
// sendPhoto and sendDocument for replies (https://core.telegram.org/bots/api#available-methods).
import { callJson, downloadCapped, type ApiOutcome, type Download } from '../http-client.ts';
import type { TelegramSettings } from '../settings.ts';
import { okOf, TelegramError, TelegramFile, TelegramSentMessage } from './updates.ts';
import type { z } from 'zod';

export interface BotApi {
  /** Resolves a file_id and downloads it, within maxBytes. */
  download(fileId: string, declaredSize: number | undefined, maxBytes: number): Promise<Download>;
  sendMessage(chatId: string, text: string): Promise<ApiOutcome<z.infer<typeof TelegramSentMessage>>>;
  sendFile(method: 'sendPhoto' | 'sendDocument', chatId: string, file: { fileName: string; mimeType: string; bytes: Uint8Array }, caption: string): Promise<ApiOutcome<z.infer<typeof TelegramSentMessage>>>;
}

/** What went wrong, in the Bot API's words when it gave any. */
export function telegramErrorOf(outcome: Extract<ApiOutcome<unknown>, { ok: false }>): { retryable: boolean; status: number; description: string } {
  if (outcome.kind === 'unreachable') return { retryable: true, status: 0, description: `Bot API unreachable: ${outcome.reason}` };
  const e = TelegramError.safeParse(outcome.body);
  const status = e.success ? e.data.error_code : outcome.status;
  return { retryable: status === 429 || status >= 500, status, description: e.success ? e.data.description : `HTTP ${outcome.status}` };
}

export function createBotApi(settings: TelegramSettings, timeoutMs: number): BotApi {
  const method = (name: string) => `${settings.apiBase}/bot${settings.botToken}/${name}`;
  const sent = okOf(TelegramSentMessage).transform((r) => r.result);
  return {
    async download(fileId, declaredSize, maxBytes) {
      // The Update already tells the size of most files: refuse without downloading.
      if (declaredSize !== undefined && declaredSize > maxBytes) return { ok: false, refused: 'too_large' };
      const file = await callJson(
        method('getFile'),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file_id: fileId }) },
        okOf(TelegramFile),
        timeoutMs,
      );
      if (!file.ok || !file.data.result.file_path) return { ok: false, refused: 'download_failed' };
      if ((file.data.result.file_size ?? 0) > maxBytes) return { ok: false, refused: 'too_large' };
      return downloadCapped(`${settings.apiBase}/file/bot${settings.botToken}/${file.data.result.file_path}`, {}, maxBytes, timeoutMs);
    },
    sendMessage(chatId, text) {
      return callJson(method('sendMessage'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: chatId, text }) }, sent, timeoutMs);
    },
    sendFile(name, chatId, file, caption) {
      const form = new FormData();
      form.set('chat_id', chatId);
      if (caption) form.set('caption', caption);
      form.set(name === 'sendPhoto' ? 'photo' : 'document', new Blob([file.bytes], { type: file.mimeType }), file.fileName);
      return callJson(method(name), { method: 'POST', body: form }, sent, timeoutMs);
    },
  };
}
