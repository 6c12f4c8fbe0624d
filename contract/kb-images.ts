// Pictures in knowledge-base articles. An article refers to one as `![what it shows](kb-image:NAME)`;
// the client fetches it from the server once, keeps it in the replica, and shows it offline too.
import { z } from 'zod';

export const KB_IMAGE_SCHEME = 'kb-image:';
export const KB_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const KB_IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', svg: 'image/svg+xml' } as const;

/** A file name: lower-case letters, digits, dots, dashes; one of the known picture types. */
export const KbImageName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,100}\.(png|jpe?g|webp|svg)$/, 'a picture name like router-back-panel.svg');
export type KbImageName = z.infer<typeof KbImageName>;

export function kbImageMime(name: string): string {
  return KB_IMAGE_TYPES[name.slice(name.lastIndexOf('.') + 1) as keyof typeof KB_IMAGE_TYPES];
}

/** The picture names an article's Markdown refers to, each once. */
export function kbImageRefs(markdown: string): string[] {
  const names = new Set<string>();
  for (const m of markdown.matchAll(/\(kb-image:([a-z0-9][a-z0-9._-]{0,100}\.(?:png|jpe?g|webp|svg))\)/g)) names.add(m[1]!);
  return [...names];
}

export const KbImageInput = z.strictObject({ name: KbImageName });
/** A data: URL (an <img> of it runs nothing, even for SVG), or null when neither cached nor reachable. */
export const KbImageResult = z.object({ dataUrl: z.string().startsWith('data:image/'), cached: z.boolean() }).nullable();
