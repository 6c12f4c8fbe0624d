// Words callers and operators say that the articles put otherwise: colloquial words, brands and
// systems in Cyrillic, a few English words. Query side only — a query word also looks for the
// article's terms (its group gets them as alternatives); articles are indexed as written, so
// nothing here can change what an article is found by. Spoken forms that are the same word
// written differently (вайфай = Wi-Fi) are in spoken-forms.ts instead. Every entry is a guess
// about how people talk, and adds matches to every query with the word: keep to words that mean one
// thing in an internet provider's contact centre («пришли» does not: money and engineers come).
// («стоит» also means «stands», but «сколько стоит» is what callers ask.)
import { termOfPart } from './terms.ts';

const SAME_AS: ReadonlyArray<readonly [said: readonly string[], written: readonly string[]]> = [
  // Colloquial.
  [['тормозит', 'тормозят', 'тупит', 'лагает', 'виснет'], ['скорость']],
  [['заплатил', 'заплатила', 'заплатили', 'заплатить'], ['оплатить', 'платёж']],
  [['поменять', 'поменял', 'поменяла', 'поменяли'], ['сменить']],
  [['провести', 'провели', 'протянуть'], ['подключить', 'подключение']],
  [['стоит', 'стоят', 'стоить'], ['стоимость']],
  [['отказаться', 'отказываюсь', 'откажусь'], ['расторгнуть', 'расторжение']],
  [['переехал', 'переехала', 'переехали', 'переезжаю', 'переезжаем'], ['переезд']],
  [['пожаловаться', 'пожаловался', 'пожаловалась'], ['жалоба']],
  [['умер', 'умерла', 'скончался', 'скончалась'], ['смерть']],
  [['свадьба', 'свадьбы'], ['брак']],
  [['провод', 'провода', 'шнур'], ['кабель']],
  [['лампочка', 'лампочки', 'огонёк', 'светодиод'], ['индикатор']],
  [['комп', 'компа', 'ноут'], ['компьютер']],
  [['телек', 'телик'], ['телевизор']],
  // Brands and systems as they are said.
  [['кинетик', 'кинетика'], ['keenetic']],
  [['тплинк', 'тп'], ['tplink', 'tp']],
  [['линк'], ['link']],
  [['длинк'], ['dlink']],
  [['асус'], ['asus']],
  [['сяоми', 'ксиоми', 'шаоми'], ['xiaomi']],
  [['хуавей', 'хуавэй'], ['huawei']],
  [['тенда'], ['tenda']],
  [['меркусис'], ['mercusys']],
  [['нетис'], ['netis']],
  [['айфон', 'айфона'], ['iphone']],
  [['айпад'], ['ipad']],
  [['андроид', 'андроида'], ['android']],
  [['виндовс', 'виндоус', 'винда', 'винде'], ['windows']],
  [['макбук', 'мак'], ['macos', 'mac']],
  [['линукс', 'убунту'], ['linux', 'ubuntu']],
  [['самсунг'], ['samsung']],
  [['плейстейшн', 'плейстейшен', 'плойка'], ['playstation']],
  [['иксбокс'], ['xbox']],
  [['смарт'], ['smart']],
  // English.
  [['password'], ['пароль']],
  [['router'], ['роутер']],
  [['speed'], ['скорость']],
  [['payment'], ['оплата']],
];

const BY_TERM: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const [said, written] of SAME_AS) {
    const terms = written.map((w) => termOfPart(w).term);
    for (const w of said) {
      const key = termOfPart(w).term;
      const set = map.get(key) ?? new Set();
      for (const t of terms) if (t !== key) set.add(t);
      map.set(key, set);
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]));
})();

/** The article terms a query term also stands for (none for most). */
export const synonymsOf = (term: string): readonly string[] => BY_TERM.get(term) ?? [];
