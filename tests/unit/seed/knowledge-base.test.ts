// The knowledge base reads like a real provider's guides: enough articles in every category,
// Russian Markdown bodies with headings and steps, the topics operators need, no filler text.
import { describe, expect, it } from 'vitest';
import { ARTICLE_CATEGORIES } from '../../../contract/index.ts';
import { CYRILLIC, sample } from './sample.ts';

const TOPICS: ReadonlyArray<readonly [RegExp, string]> = [
  [/СБП/, 'payment by СБП'], [/банковской картой|Банковская карта|картой/i, 'payment by card'], [/переводом|по реквизитам/i, 'bank transfer'],
  [/терминал/i, 'cash terminals'], [/онлайн-банк/i, 'online banking'], [/обещанн/i, 'promised payment'], [/автоплат/i, 'autopay'],
  [/ошибочн/i, 'mistaken payment'], [/неверный номер лицевого/i, 'wrong account number'], [/возврат/i, 'refund'],
  [/между лицевыми счетами/i, 'transfer between accounts'], [/переезд/i, 'moving'], [/переоформ/i, 're-registration'],
  [/ФИО/, 'change of name'], [/наследств/i, 'inheritance'], [/паспорт/i, 'passport data'],
  [/первичная диагностика/i, 'no-connection first diagnostics'], [/индикатор/i, 'link lights'], [/кабел/i, 'cable'],
  [/перезагруз/i, 'router reboot'], [/PPPoE/, 'PPPoE'], [/IPoE/, 'IPoE'], [/MAC/, 'MAC binding'], [/баланс|блокировк/i, 'blocked account'],
  [/коммутатор/i, 'building switch outage'], [/выезд инженера/i, 'engineer ticket'],
  [/Windows 10/, 'Windows 10'], [/Windows 11/, 'Windows 11'], [/macOS/, 'macOS'], [/Android/, 'Android'], [/iOS/, 'iOS'],
  [/TP-Link/, 'TP-Link'], [/Keenetic/, 'Keenetic'], [/ASUS/, 'ASUS'], [/D-Link/, 'D-Link'], [/Xiaomi/, 'Xiaomi'], [/Huawei/, 'Huawei'],
  [/Wi-Fi/, 'Wi-Fi'], [/акци/i, 'promotions'], [/статическ/i, 'static IP'], [/антивирус/i, 'antivirus'], [/ТВ-пакет/, 'TV packages'],
  [/роутер.*аренд|аренд.*роутер/i, 'router rental'], [/родительск/i, 'parental control'],
  [/техническ.* возможност/i, 'feasibility check'], [/частн/i, 'private houses'], [/квартир/i, 'apartments'], [/стоимость/i, 'cost'],
  [/сроки/i, 'timelines'], [/оборудовани/i, 'equipment'],
];

describe('knowledge base', () => {
  const { articles } = sample();

  it('has at least 300 articles, at least 20 in each of the six categories', () => {
    expect(articles.length).toBeGreaterThanOrEqual(300);
    for (const category of ARTICLE_CATEGORIES) {
      expect(articles.filter((a) => a.category === category).length, category).toBeGreaterThanOrEqual(20);
    }
  });

  it.each(TOPICS)('covers %s (%s) in titles', (re) => {
    expect(articles.some((a) => re.test(a.title))).toBe(true);
  });

  it('writes Russian Markdown with headings and steps, of a useful length', () => {
    for (const a of articles) {
      expect(a.body, a.title).toMatch(CYRILLIC);
      expect(a.title, a.title).toMatch(CYRILLIC);
      expect(a.body, a.title).toMatch(/^## /m);
      expect(a.body, a.title).toMatch(/^(1\. |- )/m);
      expect(a.body.length, a.title).toBeGreaterThanOrEqual(400);
      expect(a.body, a.title).not.toMatch(/\{\w+\}|undefined|NaN|\[object/);
      const cyrillic = (a.body.match(/[А-Яа-яЁё]/g) ?? []).length;
      const letters = (a.body.match(/[A-Za-zА-Яа-яЁё]/g) ?? []).length;
      expect(cyrillic / letters, a.title).toBeGreaterThan(0.6);
    }
    const lengths = articles.map((a) => a.body.length).sort((x, y) => x - y);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeGreaterThanOrEqual(600);
    expect(articles.filter((a) => a.body.includes('**')).length / articles.length).toBeGreaterThan(0.7);
    expect(articles.filter((a) => /^1\. /m.test(a.body)).length / articles.length).toBeGreaterThan(0.8);
  });

  it('tags articles with short Russian keywords', () => {
    for (const a of articles) {
      expect(a.tags.length, a.title).toBeGreaterThanOrEqual(2);
      expect(a.tags.some((t) => CYRILLIC.test(t)), a.title).toBe(true);
      expect(a.tags.every((t) => t.length <= 40), a.title).toBe(true);
    }
  });

  it('keeps bodies distinct: no two articles share a body', () => {
    expect(new Set(articles.map((a) => a.body)).size).toBe(articles.length);
  });

  it('contains no placeholder text anywhere in the data', () => {
    const all = JSON.stringify(sample());
    expect(all).not.toMatch(/lorem|ipsum|dolor sit/i);
    expect(all).not.toMatch(/\{(first|firstPatr|fullName|account|address|amount|service|router|ticket)\}/);
  });
});
