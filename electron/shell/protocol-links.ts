// tel:, sip: and callto: — Pult registers as their handler; a link arrives in argv (Windows, Linux:
// the single-instance lock forwards a second launch's argv) or as open-url (macOS), and becomes the
// protocol.link event once the page can hear it.
import { app } from 'electron';
import type { ProtocolLink } from '../../contract/ipc.ts';
import { LINK_SCHEMES, findProtocolLink, parseProtocolLink } from '../services/security/protocol-link.ts';
import type { Log } from '../services/log.ts';

export interface LinkRouter {
  /** Delivers queued links once the page is loaded. */
  ready(): void;
  handleArgv(argv: readonly string[]): void;
}

export function registerProtocolLinks(deliver: (link: ProtocolLink) => void, onActivate: () => void, log: Log): LinkRouter {
  for (const scheme of LINK_SCHEMES) {
    // In development the executable is electron itself; register with our entry as argument.
    const entry = process.defaultApp && process.argv[1] ? [process.argv[1]] : []; // (Electron's defaults, spelt out)
    const ok = app.setAsDefaultProtocolClient(scheme, process.execPath, entry);
    if (!ok) log.warn({ scheme }, 'could not register as protocol handler');
  }
  const queue: ProtocolLink[] = [];
  let isReady = false;
  const push = (link: ProtocolLink | null) => {
    if (!link) return;
    if (isReady) deliver(link);
    else queue.push(link);
    onActivate();
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    push(parseProtocolLink(url));
  });
  return {
    ready() {
      isReady = true;
      for (const link of queue.splice(0)) deliver(link);
    },
    handleArgv: (argv) => push(findProtocolLink(argv)),
  };
}
