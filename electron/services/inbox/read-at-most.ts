// A response body read up to a byte cap: a hostile or broken server cannot make the main process
// buffer without bound (remote images, attachment downloads).

/** The body's bytes, or null once it goes over `max` (the rest is not read). */
export async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer | null> {
  const reader = body.getReader();
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
