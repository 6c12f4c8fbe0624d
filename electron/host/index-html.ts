// The renderer's index.html as the browser host serves it: the per-run token written into
// <meta name="pult-host-token" content=""> (inserted if the page lacks it), nothing else changed.
const META = /<meta\s+name=["']pult-host-token["'][^>]*>/i;

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function withHostToken(html: string, token: string): string {
  const tag = `<meta name="pult-host-token" content="${escapeAttr(token)}">`;
  if (META.test(html)) return html.replace(META, tag);
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`);
  return tag + html;
}
