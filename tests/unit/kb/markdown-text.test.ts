// Markdown to the plain text that is indexed and shown in snippets.
import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../../electron/services/kb/markdown-text.ts';

describe('markdownToText', () => {
  it('drops block markup: headings, quotes, list markers, fences, rules, table borders', () => {
    const md = [
      '## 1. Баланс и блокировки', '', '> **Оператору:** проверьте баланс.', '', '- пункт один', '* пункт два', '3. шаг три',
      '- [x] сделано', '', '```', 'ipconfig /flushdns', '```', '', '---', '', '| Тариф | Цена |', '|---|:---:|', '| Домашний | 500 |',
    ].join('\n');
    expect(markdownToText(md).split('\n').filter(Boolean)).toEqual([
      'Баланс и блокировки', 'Оператору: проверьте баланс.', 'пункт один', 'пункт два', 'шаг три', 'сделано',
      'ipconfig /flushdns', 'Тариф Цена', 'Домашний 500',
    ]);
  });

  it('keeps the text of inline markup: emphasis, code, links, images; drops HTML tags', () => {
    expect(markdownToText('**Жирный**, *курсив*, __ещё__, _и так_, ~~старое~~, `код`')).toBe('Жирный, курсив, ещё, и так, старое, код');
    expect(markdownToText('См. [личный кабинет](https://lk.example.ru) и ![схема](a.png) <b>тут</b> <https://x.ru>'))
      .toBe('См. личный кабинет и схема тут https://x.ru');
  });

  it('leaves snake_case, 2*3 and escaped characters alone', () => {
    expect(markdownToText('snake_case_name, 2*3*4, \\*звёздочка\\*')).toBe('snake_case_name, 2*3*4, *звёздочка*');
  });
});
