// One WebSocket frame in, one answer out (contract/host-wire.ts). A frame that is not text, too big,
// not JSON or not a HostRequest is answered with an error — with its id when one can be read, -1
// otherwise — and the connection stays open.
import { fromZodError, type PultError } from '../../contract/errors.ts';
import { HostRequest, type HostServerMessage } from '../../contract/host-wire.ts';
import { MAX_CALL_BYTES } from '../../contract/ipc.ts';
import type { Router } from '../ipc/router.ts';

/** Room for the envelope around the largest allowed input. */
export const MAX_FRAME_BYTES = MAX_CALL_BYTES + 4096;

const errorFrame = (id: number, error: PultError): HostServerMessage => ({ type: 'result', id, result: { ok: false, error } });

function peekId(text: string): number {
  const m = /"id"\s*:\s*(\d{1,15})\b/.exec(text.slice(0, 200));
  return m ? Number(m[1]) : -1;
}

export async function answerFrame(router: Router, data: Buffer | string, isBinary: boolean): Promise<HostServerMessage> {
  if (isBinary) return errorFrame(-1, { code: 'invalid_input', field: 'frame', message: 'frame: expected a text frame' });
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  const text = typeof data === 'string' ? data : data.toString('utf8', 0, Math.min(bytes, MAX_FRAME_BYTES + 1));
  if (bytes > MAX_FRAME_BYTES) {
    return errorFrame(peekId(text), { code: 'payload_too_large', field: 'frame', message: `frame is larger than ${MAX_FRAME_BYTES} bytes` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return errorFrame(peekId(text), { code: 'invalid_input', field: 'frame', message: 'frame: not valid JSON' });
  }
  const req = HostRequest.safeParse(json);
  if (!req.success) {
    const id = (json as { id?: unknown } | null)?.id;
    const goodId = typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
    return errorFrame(goodId, fromZodError(req.error, 'frame'));
  }
  return { type: 'result', id: req.data.id, result: await router.handle(req.data.method, req.data.input) };
}
