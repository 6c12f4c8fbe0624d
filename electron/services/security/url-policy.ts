// Which URLs the app window may navigate to (only its own pages) and which the OS browser may be
// asked to open (http and https only, no credentials, sane length). Kept out of shell/ so it is
// tested in Node.

/** The app's own pages load from this origin in Electron (a privileged standard scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pult';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The origins the app's own pages come from: app://pult, plus electron-vite's dev server in dev. */
export function appOrigins(devServerUrl?: string | null): string[] {
  const origins = [APP_ORIGIN];
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname)) {
    origins.push(dev.origin);
  }
  return origins;
}

export function isAppUrl(url: unknown, origins: readonly string[]): boolean {
  const u = parse(url);
  if (!u) return false;
  const origin = u.protocol === `${APP_SCHEME}:` ? `${u.protocol}//${u.host}` : u.origin;
  return origins.includes(origin);
}

/** Navigation inside the window: only to the app's own pages (reloads, hash routes). */
export function isAllowedNavigation(url: unknown, origins: readonly string[]): boolean {
  return isAppUrl(url, origins);
}

/** The URL to hand to the OS browser, or null if it must not be opened. */
export function externalUrl(url: unknown): string | null {
  const u = parse(url);
  if (!u) return null;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password || !u.hostname) return null;
  return u.href;
}
