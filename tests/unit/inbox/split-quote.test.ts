// Plain-text letters: the customer's own words apart from the quoted letter below them.
import { describe, expect, it } from 'vitest';
import { splitQuote } from '../../../renderer/src/features/inbox/split-quote.ts';

describe('splitQuote', () => {
  it('finds "> " lines, «… пишет:», "On … wrote:" and "Original Message" separators', () => {
    expect(splitQuote('Спасибо, работает.\n\n> Перезагрузите роутер\n> и проверьте')).toEqual({ own: 'Спасибо, работает.', quote: '> Перезагрузите роутер\n> и проверьте' });
    expect(splitQuote('Да, удобно.\n\n12.11.2026, 10:15, Информационная служба пишет:\nДобрый день!').quote).toMatch(/^12\.11\.2026.*пишет:\nДобрый день!$/);
    expect(splitQuote('OK\nOn Tue, 12 Nov 2026 at 10:15, Support <s@example.ru> wrote:\n> hi').own).toBe('OK');
    expect(splitQuote('Жду.\n-----Original Message-----\nFrom: x').quote).toBe('-----Original Message-----\nFrom: x');
  });

  it('leaves a letter without a quote, or made only of a quote, whole', () => {
    expect(splitQuote('Интернет не работает с утра.')).toEqual({ own: 'Интернет не работает с утра.', quote: null });
    expect(splitQuote('> только цитата')).toEqual({ own: '> только цитата', quote: null });
  });
});
