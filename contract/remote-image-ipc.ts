// A remote image of a customer's e-mail, fetched by the main process once the operator asks to see
// the letter's images. The renderer's CSP loads nothing from outside, so this is the one way in:
// http(s) only, never an address of the operator's own network, at most REMOTE_IMAGE_MAX_BYTES,
// and only bytes that are a raster picture (no SVG: it can carry script). A refusal is an answer
// with its reason, shown in place of that image; the letter and its other images go on.
import { z } from 'zod';

export const REMOTE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const REMOTE_IMAGE_URL_MAX = 2048;
export const REMOTE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'] as const;

export const RemoteImageInput = z.strictObject({
  url: z.string().max(REMOTE_IMAGE_URL_MAX).refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'an http(s) address'),
});

export const REMOTE_IMAGE_REFUSALS = ['local_address', 'too_large', 'not_an_image', 'http_error', 'unreachable', 'timeout', 'too_many_redirects'] as const;
export const RemoteImageRefusal = z.enum(REMOTE_IMAGE_REFUSALS);
export type RemoteImageRefusal = z.infer<typeof RemoteImageRefusal>;

export const RemoteImage = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), type: z.enum(REMOTE_IMAGE_TYPES), base64: z.base64().max(Math.ceil(REMOTE_IMAGE_MAX_BYTES / 3) * 4) }),
  z.strictObject({ ok: z.literal(false), reason: RemoteImageRefusal }),
]);
export type RemoteImage = z.infer<typeof RemoteImage>;

export const REMOTE_IMAGE_METHODS = {
  /** One remote image of a letter, through the main process (see above). */
  'mail.remoteImage': { input: RemoteImageInput, output: RemoteImage },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
