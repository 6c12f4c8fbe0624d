// A response body read up to a byte cap: a hostile or broken server cannot make the main process
// buffer without bound (remote images, attachment downloads).

/**
 * The body's bytes, or null when it declares more than `max` (nothing read) or goes over it (the
 * rest is not read).
 */
export async function readAtMost(res: Response, max: number): Promise<Buffer | null> {
  if (Number(res.headers.get('content-length') ?? 0) > max) {
    await res.body?.cancel();
    return null;
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts, size);
}
