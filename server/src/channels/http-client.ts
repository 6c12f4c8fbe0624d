// Calls to the channels' HTTP APIs: a deadline on each, JSON checked with a zod schema, downloads
// cut off at the attachment limit (the declared size is not trusted). Errors never carry the URL,
// which for Telegram contains the bot's token.
import type { z } from 'zod';

export type ApiOutcome<T> =
  | { ok: true; status: number; data: T }
  /** The API answered, with an error status or a body that is not what its documentation says. */
  | { ok: false; kind: 'answered'; status: number; body: unknown }
  /** No answer: refused connection, reset, timeout. */
  | { ok: false; kind: 'unreachable'; reason: string };

function reasonOf(e: unknown): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return 'timed out';
  const cause = (e as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'no answer';
}

async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 500);
  }
}

/** fetch + JSON + schema. A 2xx whose body fails the schema counts as an answered error. */
export async function callJson<S extends z.ZodType>(url: string, init: RequestInit, schema: S, timeoutMs: number): Promise<ApiOutcome<z.output<S>>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    return { ok: false, kind: 'unreachable', reason: reasonOf(e) };
  }
  let body: unknown;
  try {
    body = await bodyOf(res);
  } catch (e) {
    return { ok: false, kind: 'unreachable', reason: reasonOf(e) };
  }
  if (!res.ok) return { ok: false, kind: 'answered', status: res.status, body };
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, kind: 'answered', status: res.status, body };
  return { ok: true, status: res.status, data: parsed.data };
}

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; refused: 'too_large' | 'download_failed' };

/** Downloads a file, refusing it as soon as it is larger than maxBytes (declared or counted). */
export async function downloadCapped(url: string, init: RequestInit, maxBytes: number, timeoutMs: number): Promise<Download> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal: controller.signal });
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => {});
      return { ok: false, refused: 'download_failed' };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      controller.abort();
      return { ok: false, refused: 'too_large' };
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        controller.abort();
        return { ok: false, refused: 'too_large' };
      }
      chunks.push(chunk);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch {
    return { ok: false, refused: 'download_failed' };
  } finally {
    clearTimeout(timer);
  }
}
