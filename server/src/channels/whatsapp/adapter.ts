// Replies through the Cloud API. Free-form text and files go out only within 24 hours of the
// customer's last message; outside it only an approved template, and anything else fails at once
// with whatsapp_window_closed, without calling Meta. Files are uploaded first, then sent by media
// id, the words as the first file's caption.
import type { ChannelAdapter, SendResult } from '../adapter.ts';
import type { ApiOutcome } from '../http-client.ts';
import type { GraphApi } from './graph-api.ts';
import { graphErrorOf } from './graph-api.ts';
import { RE_ENGAGEMENT_ERROR } from './inbound.ts';
import { windowOpen } from './window.ts';

function failure(outcome: Extract<ApiOutcome<unknown>, { ok: false }>, anythingSent: boolean): SendResult {
  const e = graphErrorOf(outcome);
  return {
    ok: false,
    retryable: e.retryable && !anythingSent,
    code: e.code === RE_ENGAGEMENT_ERROR ? 'whatsapp_window_closed' : e.retryable ? 'channel_unreachable' : 'channel_rejected',
    description: e.description,
  };
}

export function whatsappAdapter(api: GraphApi): ChannelAdapter {
  return {
    async send(reply, now): Promise<SendResult> {
      if (reply.template) {
        const t = reply.template;
        const r = await api.sendMessage({
          to: reply.to,
          type: 'template',
          template: {
            name: t.name,
            language: { code: t.language },
            ...(t.parameters.length ? { components: [{ type: 'body', parameters: t.parameters.map((text) => ({ type: 'text', text })) }] } : {}),
          },
        });
        return r.ok ? { ok: true, channelMessageId: r.data.messages[0]!.id } : failure(r, false);
      }
      if (!windowOpen(reply.lastInboundAt, now)) {
        return { ok: false, retryable: false, code: 'whatsapp_window_closed', description: 'more than 24 hours since the customer last wrote; only a template may be sent' };
      }
      let first: string | null = null;
      if (reply.files.length === 0) {
        const r = await api.sendMessage({ to: reply.to, type: 'text', text: { body: reply.body, preview_url: false } });
        return r.ok ? { ok: true, channelMessageId: r.data.messages[0]!.id } : failure(r, false);
      }
      for (const [i, f] of reply.files.entries()) {
        const up = await api.uploadMedia(f);
        if (!up.ok) return failure(up, first !== null);
        const kind = f.mimeType.startsWith('image/') && /^image\/(jpeg|png)$/.test(f.mimeType) ? 'image' : 'document';
        const caption = i === 0 && reply.body ? { caption: reply.body } : {};
        const media = kind === 'image' ? { id: up.data.id, ...caption } : { id: up.data.id, filename: f.fileName, ...caption };
        const r = await api.sendMessage({ to: reply.to, type: kind, [kind]: media });
        if (!r.ok) return failure(r, first !== null);
        first ??= r.data.messages[0]!.id;
      }
      return { ok: true, channelMessageId: first! };
    },
  };
}
