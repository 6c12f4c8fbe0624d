// HTML from customers (an e-mail's text/html part) made safe to show inside the app, with DOMPurify:
// no scripts, no event handlers, no forms, frames, plugins, SVG or MathML, no <style>, <link>,
// <meta> or <base>; inline styles only when they load nothing (no url(), image-set(), @import,
// expression(), escapes); links kept as text with their address, never followed inside the app.
// Remote images lose their address and show as a placeholder until the operator allows them for
// that message; then only http(s) images come back. Quoted parts (<blockquote>, Gmail's and
// Yahoo's quote blocks) are folded into <details> under the caller's "show quote" label.
import createDOMPurify, { type Config } from 'dompurify';

export interface SanitizeOptions {
  /** The operator clicked "show images" for this message. */
  allowImages: boolean;
  /** The text of the folded quote's summary ("показать цитату"). */
  quoteLabel: string;
  /** What a hidden image says in its place ("картинка скрыта"), unless it has its own alt text. */
  imageLabel: string;
}

export interface SanitizedEmail {
  html: string;
  /** Images whose address was taken out (remote, or an attachment reference). */
  blockedImages: number;
}

const FORBID_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'title', 'head', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame',
  'frameset', 'object', 'embed', 'applet', 'video', 'audio', 'source', 'track', 'picture', 'portal', 'template', 'noscript', 'svg', 'math',
  'canvas', 'dialog',
];
const FORBID_ATTR = ['srcset', 'background', 'action', 'formaction', 'ping', 'poster', 'lowsrc', 'dynsrc', 'target', 'id', 'name', 'xlink:href', 'usemap'];
/** Addresses a link or an image may keep; everything else (javascript:, vbscript:, data:text/html…) goes. */
const ALLOWED_URI = /^(?:https?:|mailto:|tel:|cid:|data:image\/(?:png|gif|jpe?g|webp);base64,)/i;
/** A style that could load something or run something: dropped whole. */
const ACTIVE_STYLE = /url\s*\(|image-set|image\s*\(|@import|expression\s*\(|-moz-binding|behavior\s*:|javascript:|\\|src\s*\(|&#|\/\*/i;
const QUOTE_SELECTOR = 'blockquote, .gmail_quote, .yahoo_quoted';

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  SANITIZE_NAMED_PROPS: true,
};

type PurifyWindow = Parameters<typeof createDOMPurify>[0];

/** One sanitiser per window (the renderer's, or a jsdom window in tests). */
export function createEmailSanitizer(win: PurifyWindow) {
  const purify = createDOMPurify(win);
  let current: { allowImages: boolean; imageLabel: string; blocked: number } = { allowImages: false, imageLabel: '', blocked: 0 };

  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'style' && ACTIVE_STYLE.test(data.attrValue)) data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      const inline = /^data:image\//i.test(src);
      const remote = /^https?:/i.test(src);
      if (remote && current.allowImages) {
        // Asked for: the main process fetches it (the page's CSP loads nothing from outside) and
        // the view puts its bytes in (SafeEmailHtml); without the sender learning who looked.
        el.removeAttribute('src');
        el.setAttribute('data-pult-remote-src', src);
        el.setAttribute('referrerpolicy', 'no-referrer');
      } else if (!inline) {
        if (src) current.blocked++;
        el.removeAttribute('src');
        el.setAttribute('data-pult-blocked-image', remote ? 'remote' : 'attachment');
        if (!el.getAttribute('alt')?.trim()) el.setAttribute('alt', current.imageLabel);
      }
    }
    if (el.tagName === 'A') {
      const href = el.getAttribute('href');
      if (href) el.setAttribute('title', href);
      el.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });

  return function sanitizeEmailHtml(html: string, options: SanitizeOptions): SanitizedEmail {
    current = { allowImages: options.allowImages, imageLabel: options.imageLabel, blocked: 0 };
    const fragment = purify.sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
    const doc = fragment.ownerDocument;
    // Outer quotes first; one nested in another folds with it.
    for (const quote of Array.from(fragment.querySelectorAll(QUOTE_SELECTOR))) {
      if (quote.parentElement?.closest('details[data-pult-quote]')) continue;
      const details = doc.createElement('details');
      details.setAttribute('data-pult-quote', '');
      const summary = doc.createElement('summary');
      summary.textContent = options.quoteLabel;
      quote.replaceWith(details);
      details.append(summary, quote);
    }
    const box = doc.createElement('div');
    box.append(fragment);
    return { html: box.innerHTML, blockedImages: current.blocked };
  };
}
