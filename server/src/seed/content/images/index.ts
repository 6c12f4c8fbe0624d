// The pictures the demo articles refer to (kb-image:NAME), read from this folder.
import { readdirSync, readFileSync } from 'node:fs';
import { kbImageMime, KbImageName } from '../../../../../contract/kb-images.ts';
import type { SeedImage } from '../../seed-data.ts';

const DIR = new URL('./', import.meta.url);

export function kbImages(): SeedImage[] {
  return readdirSync(DIR)
    .filter((f) => KbImageName.safeParse(f).success)
    .sort()
    .map((name) => ({ name, mime: kbImageMime(name), bytes: new Uint8Array(readFileSync(new URL(name, DIR))) }));
}
