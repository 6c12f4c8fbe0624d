// Session-wide rules: CSP on every response, permissions (microphone, choosing the speaker or
// ringer device, and notifications, for the app's own pages only), no navigation away, no new
// windows, no <webview>.
import { app, session, type Session } from 'electron';
import { isAllowedNavigation, isAppUrl } from '../services/security/url-policy.ts';
import { openInBrowser } from './open-external.ts';
import type { Log } from '../services/log.ts';

// speaker-selection: setSinkId() to a chosen headset or ringer (sip/devices); without it Chromium
// keeps every sound on the system default.
const GRANTED = new Set(['media', 'speaker-selection', 'notifications']);

function isMicrophoneOnly(details: { mediaTypes?: string[]; mediaType?: string }): boolean {
  if (details.mediaTypes) return details.mediaTypes.length > 0 && details.mediaTypes.every((t) => t === 'audio');
  return details.mediaType === 'audio';
}

export function hardenSession(ses: Session, origins: readonly string[], csp: () => string, log: Log): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (isAppUrl(details.url, origins)) headers['Content-Security-Policy'] = [csp()];
    callback({ responseHeaders: headers });
  });

  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details.requestingUrl || webContents.getURL();
    const ok = GRANTED.has(permission) && isAppUrl(url, origins) && (permission !== 'media' || isMicrophoneOnly(details as { mediaTypes?: string[] }));
    if (!ok) log.warn({ permission, url }, 'permission refused');
    callback(ok);
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    if (!GRANTED.has(permission) || !isAppUrl(requestingOrigin, origins)) return false;
    return permission !== 'media' || isMicrophoneOnly(details as { mediaType?: string });
  });
  ses.setDevicePermissionHandler(() => false); // no HID/serial/USB
}

export function hardenWebContents(origins: readonly string[], log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, origins)) {
        event.preventDefault();
        log.warn({ url: url.slice(0, 200) }, 'navigation blocked');
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, origins)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // No new Electron windows; an ordinary web link goes to the OS browser.
      void openInBrowser(url).then((opened) => {
        if (!opened) log.warn({ url: url.slice(0, 200) }, 'window.open blocked');
      });
      return { action: 'deny' };
    });
  });
}

export function defaultSession(): Session {
  return session.defaultSession;
}
