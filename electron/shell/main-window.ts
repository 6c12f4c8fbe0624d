// The one app window: isolated, sandboxed, no Node, web security on; its size and place remembered.
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { DEFAULT_WINDOW, windowStateStore } from '../services/settings/window-state.ts';
import type { Log } from '../services/log.ts';

export interface MainWindowOptions {
  preloadPath: string;
  startUrl: string;
  userDataDir: string;
  iconPath?: string;
  log: Log;
}

export async function createMainWindow(opts: MainWindowOptions): Promise<BrowserWindow> {
  const store = windowStateStore(opts.userDataDir);
  const saved = await store.load(screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : DEFAULT_WINDOW),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Pult',
    backgroundColor: '#ffffff',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    // Written out here (not spread from a constant) so Electronegativity checks each switch.
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows; those are refused anyway, this stops the attempt.
      disableBlinkFeatures: 'Auxclick',
      // The softphone lives in this page: a minimised or hidden window must still ring, re-register
      // on time and run its call timers at full rate (Chromium throttles background pages' timers).
      backgroundThrottling: false,
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    void store.save({ ...b, maximized: win.isMaximized() }).catch((e: unknown) => opts.log.warn({ err: e }, 'window state not saved'));
  });
  await win.loadURL(opts.startUrl);
  return win;
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}
