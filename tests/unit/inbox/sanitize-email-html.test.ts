// The e-mail sanitiser against OWASP's XSS filter-evasion cheat sheet (and a few of its cousins):
// whatever goes in, the output carries no script, no event handler, no javascript:/vbscript:/data:
// HTML address, no frame, plugin, SVG, MathML, <meta>, <base>, <link> or <style>, no style that
// loads or runs anything, and no remote image unless the operator allowed images. Then the output
// is loaded into a jsdom page that runs scripts, and the detector every payload sets stays unset.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createEmailSanitizer } from '../../../renderer/src/features/inbox/sanitize-email-html.ts';
import { XSS_PAYLOADS } from './xss-payloads.ts';

const { window } = new JSDOM('<!doctype html><body></body>');
const sanitize = createEmailSanitizer(window as unknown as Parameters<typeof createEmailSanitizer>[0]);
const opts = { allowImages: false, quoteLabel: 'показать цитату', imageLabel: 'картинка скрыта' };

function activeContent(html: string): string[] {
  const doc = new JSDOM(`<!doctype html><body>${html}</body>`).window.document;
  const found: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (/^(script|iframe|frame|frameset|object|embed|applet|meta|base|link|style|form|input|button|svg|math|video|audio|template|noscript|portal)$/.test(tag)) found.push(`<${tag}>`);
    for (const a of Array.from(el.attributes)) {
      const v = a.value.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
      if (a.name.startsWith('on')) found.push(`${tag}[${a.name}]`);
      if (/^(javascript|vbscript|livescript):|^data:(?!image\/(png|gif|jpe?g|webp);base64,)/.test(v)) found.push(`${tag}[${a.name}=${a.value}]`);
      if (a.name === 'style' && /url\(|expression|image-set|@import|behavior|binding|\\/.test(v)) found.push(`${tag}[style=${a.value}]`);
      if (['srcset', 'background', 'action', 'formaction', 'xlink:href', 'poster', 'ping', 'target'].includes(a.name)) found.push(`${tag}[${a.name}]`);
      if (a.name === 'src' && !/^data:image\//.test(v)) found.push(`${tag}[src=${a.value}]`);
    }
  }
  return found;
}

describe('the e-mail sanitiser', () => {
  it(`leaves no active content in any of ${XSS_PAYLOADS.length} filter-evasion payloads`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
    // The checker sees active content where there is some: most raw payloads are caught by it.
    expect(XSS_PAYLOADS.filter((p) => activeContent(p).length > 0).length).toBeGreaterThan(XSS_PAYLOADS.length * 0.8);
    const leaks = XSS_PAYLOADS.flatMap((p) => activeContent(sanitize(p, opts).html).map((what) => `${what}  ←  ${p}`));
    expect(leaks).toEqual([]);
  });

  it('runs none of them in a page that runs scripts', async () => {
    const all = XSS_PAYLOADS.map((p) => `<div>${sanitize(p, opts).html}</div>`).join('\n');
    const page = new JSDOM(`<!doctype html><body>${all}</body>`, { runScripts: 'dangerously' });
    // Handlers that survived would fire on these.
    for (const el of Array.from(page.window.document.querySelectorAll('*'))) {
      for (const type of ['click', 'mouseover', 'focus', 'error', 'load', 'toggle', 'animationstart']) el.dispatchEvent(new page.window.Event(type));
    }
    await new Promise((r) => setTimeout(r, 50));
    expect((page.window as unknown as { __xss?: boolean }).__xss).toBeUndefined();
    // The detector itself works: the same page with one payload unsanitised does set it.
    const control = new JSDOM('<!doctype html><body><img src="x" onclick="window.__xss=true"></body>', { runScripts: 'dangerously' });
    control.window.document.querySelector('img')!.dispatchEvent(new control.window.Event('click'));
    expect((control.window as unknown as { __xss?: boolean }).__xss).toBe(true);
  });

  it('keeps the letter readable: text, paragraphs, tables, bold, safe links and inline styles', () => {
    const { html } = sanitize('<p style="color: #333; font-weight: bold">Добрый день!</p><table><tr><td>Счёт</td><td><b>1 250 ₽</b></td></tr></table><a href="https://lk.example.ru/pay" target="_blank">Оплатить</a>', opts);
    expect(html).toContain('<p style="color: #333; font-weight: bold">Добрый день!</p>');
    expect(html).toContain('<td><b>1 250 ₽</b></td>');
    expect(html).toMatch(/<a href="https:\/\/lk\.example\.ru\/pay"[^>]*title="https:\/\/lk\.example\.ru\/pay"[^>]*>Оплатить<\/a>/);
    expect(html).not.toContain('target');
  });

  it('hides remote images until allowed, then shows only http(s) ones without a referrer', () => {
    const letter = '<img src="https://tracker.example.com/p.gif" alt="логотип"><img src="cid:part1@x"><img src="data:image/png;base64,iVBORw0KGgo=">';
    const blocked = sanitize(letter, opts);
    expect(blocked.blockedImages).toBe(2);
    expect(blocked.html).not.toContain('tracker.example.com');
    expect(blocked.html).toContain('data-pult-blocked-image="remote"');
    expect(blocked.html).toContain('alt="логотип"');
    expect(blocked.html).toContain('alt="картинка скрыта"');
    expect(blocked.html).toContain('data:image/png;base64');
    const allowed = sanitize(letter, { ...opts, allowImages: true });
    expect(allowed.blockedImages).toBe(1);
    // Asked for, the address goes to the main process to fetch; the page itself still loads nothing.
    expect(allowed.html).toContain('data-pult-remote-src="https://tracker.example.com/p.gif"');
    expect(allowed.html).not.toMatch(/\ssrc="https:/);
    expect(allowed.html).toContain('referrerpolicy="no-referrer"');
  });

  it('folds quoted parts under the label, a nested quote with its parent', () => {
    const { html } = sanitize('<p>Спасибо, заработало.</p><div class="gmail_quote">Вы писали:<blockquote>Перезагрузите роутер<blockquote>старое</blockquote></blockquote></div>', opts);
    const doc = new JSDOM(`<body>${html}</body>`).window.document;
    const folds = doc.querySelectorAll('details[data-pult-quote]');
    expect(folds).toHaveLength(1);
    expect(folds[0]!.querySelector('summary')!.textContent).toBe('показать цитату');
    expect(folds[0]!.textContent).toContain('Перезагрузите роутер');
    expect(doc.body.firstElementChild!.textContent).toBe('Спасибо, заработало.');
  });
});
