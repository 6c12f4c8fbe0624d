// The list's preview: plain text whatever came in.
import { describe, expect, it } from 'vitest';
import { looksLikeHtml } from '../../../contract/inbox-ipc.ts';
import { previewText } from '../../../electron/services/inbox/preview-text.ts';

describe('previewText', () => {
  it('keeps plain text, collapsing whitespace; a text with < and > is not taken for markup', () => {
    expect(previewText('Добрый день!\n\n  Интернет   не работает')).toBe('Добрый день! Интернет не работает');
    expect(looksLikeHtml('скорость < 10 Мбит/с, а платим > 500 ₽')).toBe(false);
    expect(previewText('скорость < 10 Мбит/с')).toBe('скорость < 10 Мбит/с');
  });

  it('strips tags, comments, style and script blocks of HTML and decodes entities', () => {
    const html = '<!DOCTYPE html><html><head><title>x</title><style>.a{}</style></head><body><!-- c --><div>Счёт&nbsp;№&#8470;5 &laquo;Домашний&raquo; &amp; ТВ</div><script>alert(1)</script></body></html>';
    expect(previewText(html)).toBe('Счёт №№5 «Домашний» & ТВ');
  });

  it('cuts a long text at a word with an ellipsis', () => {
    const long = 'слово '.repeat(100);
    const p = previewText(long, 40);
    expect(p.length).toBeLessThanOrEqual(41);
    expect(p.endsWith('слово…')).toBe(true);
  });
});
