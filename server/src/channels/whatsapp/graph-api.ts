// The Graph API calls of the WhatsApp channel: media by id (GET /{media-id} → url, then the file,
// both with the bearer token), uploading a reply's file (POST /{phone-number-id}/media) and sending
// (POST /{phone-number-id}/messages).
import type { z } from 'zod';
import { callJson, downloadCapped, type ApiOutcome, type Download } from '../http-client.ts';
import type { WhatsAppSettings } from '../settings.ts';
import { GraphError, GraphMedia, GraphSent, GraphUploaded } from './payload.ts';

export interface GraphApi {
  downloadMedia(mediaId: string, maxBytes: number): Promise<Download & { mimeType?: string }>;
  uploadMedia(file: { fileName: string; mimeType: string; bytes: Uint8Array }): Promise<ApiOutcome<z.infer<typeof GraphUploaded>>>;
  sendMessage(payload: Record<string, unknown>): Promise<ApiOutcome<z.infer<typeof GraphSent>>>;
}

/** Meta's words for a refusal, and whether trying again may help. */
export function graphErrorOf(outcome: Extract<ApiOutcome<unknown>, { ok: false }>): { retryable: boolean; code: number | null; description: string } {
  if (outcome.kind === 'unreachable') return { retryable: true, code: null, description: `Graph API unreachable: ${outcome.reason}` };
  const e = GraphError.safeParse(outcome.body);
  const retryable = outcome.status === 429 || outcome.status >= 500;
  if (!e.success) return { retryable, code: null, description: `HTTP ${outcome.status}` };
  const details = e.data.error.error_data?.details;
  return { retryable, code: e.data.error.code, description: `(#${e.data.error.code}) ${e.data.error.message}${details ? `: ${details}` : ''}` };
}

export function createGraphApi(settings: WhatsAppSettings, timeoutMs: number): GraphApi {
  const auth = { authorization: `Bearer ${settings.accessToken}` };
  return {
    async downloadMedia(mediaId, maxBytes) {
      const meta = await callJson(`${settings.graphBase}/${encodeURIComponent(mediaId)}`, { headers: auth }, GraphMedia, timeoutMs);
      if (!meta.ok) return { ok: false, refused: 'download_failed' };
      if ((meta.data.file_size ?? 0) > maxBytes) return { ok: false, refused: 'too_large', mimeType: meta.data.mime_type };
      const got = await downloadCapped(meta.data.url, { headers: auth }, maxBytes, timeoutMs);
      return { ...got, mimeType: meta.data.mime_type };
    },
    uploadMedia(file) {
      const form = new FormData();
      form.set('messaging_product', 'whatsapp');
      form.set('type', file.mimeType);
      form.set('file', new Blob([file.bytes], { type: file.mimeType }), file.fileName);
      return callJson(`${settings.graphBase}/${settings.phoneNumberId}/media`, { method: 'POST', headers: auth, body: form }, GraphUploaded, timeoutMs);
    },
    sendMessage(payload) {
      return callJson(
        `${settings.graphBase}/${settings.phoneNumberId}/messages`,
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...payload }) },
        GraphSent,
        timeoutMs,
      );
    },
  };
}
