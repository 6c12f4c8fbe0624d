// A large, deterministic knowledge base for the KB benchmarks: variants of the 312 seed articles,
// each with some of its base's sections, sections and sentences borrowed from other articles of its category,
// and a local paragraph (town and street, router model, tariff, dates, ticket numbers), titled with
// the base title and what the variant is for. Copies alone would give every word the same posting
// list shape and every document the same bm25; variants give long and short posting lists, rare
// words (streets, models, numbers) and documents of different lengths, as a grown KB has.
import type { Article } from '../../contract/domain/article.ts';
import { CUSTOMER_ROUTERS } from '../../server/src/seed/content/dialogs.ts';
import { HOUSE_SETTLEMENTS, HOUSE_STREETS, TOWNS } from '../../server/src/seed/content/places.ts';
import { TARIFFS } from '../../server/src/seed/content/catalog.ts';
import { generateSeedData } from '../../server/src/seed/generate.ts';

export const seedArticles = (): Article[] =>
  generateSeedData({ seed: 1, customers: 0, now: new Date('2026-11-01T00:00:00Z') }).articles;

/** mulberry32: small, fast and the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

interface Parts {
  article: Article;
  intro: string;
  sections: string[];
  sentences: string[];
}

function partsOf(article: Article): Parts {
  const blocks = article.body.split(/\n(?=## )/);
  const intro = blocks[0]!.startsWith('## ') ? '' : blocks.shift()!;
  const sentences = article.body
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .flatMap((l) => l.split(/(?<=[.!?])\s+/))
    .map((s) => s.replace(/^\s*(?:[-*>]|\d+\.)\s*/, '').trim())
    .filter((s) => s.length > 30);
  return { article, intro, sections: blocks, sentences };
}

const PLACES = [
  ...TOWNS.map((t) => ({ city: t.city, streets: t.streets })),
  ...HOUSE_SETTLEMENTS.map((s) => ({ city: s.city, streets: HOUSE_STREETS })),
];
const DEPARTMENTS = ['расчётный отдел', 'служба эксплуатации', 'отдел подключений', 'группа качества', 'вторая линия', 'абонентский отдел'];
const PURPOSES = ['для квартир', 'для частных домов', 'для офисов', 'для новостроек', 'для дач и СНТ', 'для юридических лиц', 'для пенсионеров', 'для операторов на дому'];

/** Which remarks fit an article of a category: routers are technical, tariffs are money and sales. */
const ABOUT_ROUTERS = new Set(['technical']);
const ABOUT_TARIFFS = new Set(['financial', 'connection', 'promotions']);

function localParagraph(r: Rng, i: number, category: string): { text: string; qualifier: string; tags: string[] } {
  const place = r.pick(PLACES);
  const street = r.pick(place.streets);
  const router = r.pick(CUSTOMER_ROUTERS);
  const tariff = r.pick(TARIFFS);
  const firmware = `${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 99)}`;
  const date = `${String(r.int(1, 28)).padStart(2, '0')}.${String(r.int(1, 12)).padStart(2, '0')}.202${r.int(3, 6)}`;
  // Each kind of remark has a few wordings, and any may be missing: a KB grown over years.
  const slots = [
    [
      `В населённом пункте ${place.city} (${street}, д. ${r.int(1, 180)}) заявки по этой теме принимает ${r.pick(DEPARTMENTS)}, срок ответа — до ${r.int(2, 5)} рабочих дней.`,
      `Для адресов в населённом пункте ${place.city} (${street}) выезд специалиста согласуйте с отделом «${r.pick(DEPARTMENTS)}».`,
      `${place.city}, ${street}: сеть обслуживает подрядчик, сроки по заявкам — до ${r.int(2, 10)} дней.`,
    ],
    ABOUT_ROUTERS.has(category) ? [
      `Если у абонента роутер ${router}, названия пунктов меню могут отличаться: сверьтесь с версией прошивки ${firmware}.`,
      `На ${router} нужный пункт находится в расширенных настройках.`,
      `Проверено на ${router} с прошивкой ${firmware}.`,
    ] : [],
    ABOUT_TARIFFS.has(category) ? [
      `Абонентам тарифа «${tariff.name}» (${tariff.speedMbps} Мбит/с) напомните, что абонентская плата списывается посуточно.`,
      `Для тарифа «${tariff.name}» условия те же.`,
      `На «${tariff.name}» скорость до ${tariff.speedMbps} Мбит/с.`,
    ] : [],
    [
      `Изменения внесены ${date}${r.chance(0.3) ? ` по обращению №${100_000 + ((i * 7919) % 900_000)}` : ''}.`,
      `Редакция от ${date}.`,
      `Актуально с ${date}.`,
    ],
    [
      `Подробности уточняйте у старшего оператора, внутренний номер ${r.int(200, 899)}.`,
      'Вопросы по статье — в канал группы качества.',
      'Если статья устарела, отметьте это под статьёй.',
    ],
  ];
  const chosen = slots.filter((wordings) => wordings.length > 0 && r.chance(0.3)).map((wordings) => r.pick(wordings));
  const about = [place.city, ...(ABOUT_ROUTERS.has(category) ? [router] : []), ...(ABOUT_TARIFFS.has(category) ? [`«${tariff.name}»`] : [])];
  const qualifier = `${r.pick(about)}, ${r.pick(PURPOSES)}`;
  return { text: chosen.join(' '), qualifier, tags: [place.city.replace(/^(посёлок|село|деревня) /, '')] };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** `count` distinct articles; the same `count` gives the same articles. */
export function generatedArticles(count: number, seeds: readonly Article[] = seedArticles()): Article[] {
  const r = rng(20_261_101);
  const parts = seeds.map(partsOf);
  const byCategory = new Map<string, Parts[]>();
  for (const p of parts) byCategory.set(p.article.category, [...(byCategory.get(p.article.category) ?? []), p]);
  const sentencesOf = new Map([...byCategory].map(([c, ps]) => [c, ps.flatMap((p) => p.sentences)]));

  return Array.from({ length: count }, (_, i): Article => {
    const base = parts[i % parts.length]!;
    const kin = byCategory.get(base.article.category)!;
    const own = base.sections.filter(() => r.chance(0.75));
    const borrowed = Array.from({ length: r.int(0, 2) }, () => r.pick(kin).sections).filter((s) => s.length > 0).map((s) => r.pick(s));
    const sentences = sentencesOf.get(base.article.category)!;
    const loose = Array.from({ length: r.int(0, 4) }, () => r.pick(sentences));
    const local = localParagraph(r, i, base.article.category);
    const body = [base.intro, local.text, ...own, ...borrowed, loose.join(' ')].map((b) => b.trim()).filter(Boolean).join('\n\n');
    return {
      id: `${hex(i, 8)}-${hex(r.int(0, 0xffff), 4)}-4${hex(r.int(0, 0xfff), 3)}-8${hex(r.int(0, 0xfff), 3)}-${hex(i * 2654435761 % 2 ** 48, 12)}`,
      category: base.article.category,
      title: i < parts.length ? base.article.title : `${base.article.title} (${local.qualifier})`,
      body,
      tags: [...new Set([...base.article.tags, ...local.tags])],
      updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 600_000).toISOString(),
    };
  });
}
