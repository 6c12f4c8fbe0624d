// Russian full names (surname, first name, patronymic; gender-consistent) and their Latin spelling
// for logins, e-mail addresses and messenger handles.
import { FIRST_NAMES, PATRONYMICS, type Gender } from './content/names.ts';
import type { Rng } from './gen-random.ts';

export interface PersonName {
  gender: Gender;
  last: string;
  first: string;
  patronymic: string;
}

const PATRONYMIC_MALE = PATRONYMICS.map(([m, , w]) => [m, w] as const);
const PATRONYMIC_FEMALE = PATRONYMICS.map(([, f, w]) => [f, w] as const);

export function personName(rng: Rng, gender: Gender = rng.chance(0.53) ? 'female' : 'male'): PersonName {
  return {
    gender,
    last: rng.faker.person.lastName(gender),
    first: rng.weighted(FIRST_NAMES[gender]),
    patronymic: rng.weighted(gender === 'male' ? PATRONYMIC_MALE : PATRONYMIC_FEMALE),
  };
}

/** «Иванова Анна Сергеевна», the order of documents and the customer card. */
export const fullName = (n: PersonName) => `${n.last} ${n.first} ${n.patronymic}`;

const LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Lower-case Latin spelling (passport-style transliteration); anything else but a–z and 0–9 dropped. */
export function translit(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += LATIN[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '');
  return out;
}
