// Electron IPC ↔ the router. Every call's sender must be the top frame of one of the app's own
// pages; anything else is answered `forbidden` without reaching a service. Events go to every
// window whose page is the app's.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CallResult } from '../../contract/ipc.ts';
import type { Router } from '../ipc/router.ts';
import type { EventBus } from '../ipc/event-bus.ts';
import { isAppUrl } from '../services/security/url-policy.ts';
import type { Log } from '../services/log.ts';

function trustedSender(event: IpcMainInvokeEvent, origins: readonly string[]): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url, origins);
}

export function bridgeIpc(router: Router, bus: EventBus, origins: readonly string[], log: Log): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallResult> => {
    if (!trustedSender(event, origins)) {
      log.warn({ url: event.senderFrame?.url?.slice(0, 200) }, 'IPC from an untrusted frame refused');
      return { ok: false, error: { code: 'forbidden', message: 'IPC is only for the app’s own pages' } };
    }
    return router.handle(method, input);
  });
  const unsubscribe = bus.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const wc = win.webContents;
      if (!wc.isDestroyed() && isAppUrl(wc.getURL(), origins)) wc.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
