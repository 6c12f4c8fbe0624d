// Electron entry: wires the shell (windows, protocol, permissions, IPC) to the same services and
// router the browser host runs. No logic of its own beyond the wiring.
import { app, globalShortcut, powerMonitor, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from './services/compose.ts';
import { appInfo } from './services/app/app-info.ts';
import { createLog } from './services/log.ts';
import { liveCsp } from './services/security/live-csp.ts';
import { APP_ORIGIN, appOrigins } from './services/security/url-policy.ts';
import { createEventBus } from './ipc/event-bus.ts';
import { createRouter } from './ipc/router.ts';
import { handlersFor } from './ipc/handlers-for.ts';
import { registerAppScheme, serveRenderer } from './shell/app-protocol.ts';
import { defaultSession, hardenSession, hardenWebContents } from './shell/hardening.ts';
import { bridgeIpc } from './shell/ipc-bridge.ts';
import { createMainWindow, preloadPath } from './shell/main-window.ts';
import { registerProtocolLinks } from './shell/protocol-links.ts';
import { replicaKeyVault, safeStorageSecretStore } from './shell/safe-storage-secrets.ts';
import { openInBrowser } from './shell/open-external.ts';
import { registerPhoneHotkeys } from './shell/global-hotkeys.ts';
import { nativeCallNotifier } from './shell/call-notification.ts';
import { notifyHandlers } from './ipc/notify-handlers.ts';
import type { PhoneHotkeyAction } from '../contract/config.ts';

const log = createLog('main');
const mainDir = dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL ?? null : null;
const origins = appOrigins(devServerUrl);

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  const focus = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  };

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    const bus = createEventBus(log);
    const userDataDir = app.getPath('userData');
    const secrets = safeStorageSecretStore(userDataDir, log);
    const services = await composeServices({
      argv: process.argv,
      env: process.env,
      userDataDir,
      secrets,
      replicaKeys: replicaKeyVault(userDataDir, secrets),
      emit: (event, payload) => void bus.emit(event, payload),
      log,
      info: appInfo({ version: app.getVersion(), host: 'electron' }),
      bundledPresetPath: app.isPackaged ? join(process.resourcesPath, 'preset', 'config.json') : undefined,
      openUrl: openInBrowser,
      replicaWorkerUrl: new URL('./replica-worker.js', import.meta.url),
    });
    // connect-src: IT's SIP servers and those saved in Settings, re-read before each page load.
    const csp = liveCsp({
      presetSipUris: services.config().preset.sip?.websocketUris ?? [],
      accountSipUris: async () => (await services.sipAccount.get()).account?.websocketUris ?? [],
      extraConnectSrc: devServerUrl ? [devServerUrl.replace(/^http/, 'ws')] : [],
      log,
    });
    await csp.refresh();

    hardenSession(defaultSession(), origins, csp.current, log);
    hardenWebContents(origins, log);
    serveRenderer(join(app.getAppPath(), 'out/renderer'), csp.current, csp.refresh);
    // A ringing call's notification: any click on it brings Pult up; the page acts on the rest.
    const callNotifier = nativeCallNotifier((a) => {
      focus();
      void bus.emit('notify.action', a);
    });
    const router = createRouter({ ...handlersFor(services), ...notifyHandlers(callNotifier) }, { log });
    bridgeIpc(router, bus, origins, log);

    const fireHotkey = (action: PhoneHotkeyAction) => {
      focus();
      void bus.emit('phone.hotkey', { action });
    };
    registerPhoneHotkeys(services.settings.get().phoneHotkeys, fireHotkey, log);
    services.settings.onChange((s) => registerPhoneHotkeys(s.phoneHotkeys, fireHotkey, log));
    app.on('will-quit', () => globalShortcut.unregisterAll());
    // JsSIP does not notice a sleep: its socket may be dead while it still says registered.
    powerMonitor.on('resume', () => void bus.emit('system.resumed', {}));

    const links = registerProtocolLinks((link) => void bus.emit('protocol.link', link), focus, log);
    app.on('second-instance', (_event, argv) => {
      links.handleArgv(argv);
      focus();
    });
    links.handleArgv(process.argv);

    win = await createMainWindow({
      preloadPath: preloadPath(mainDir),
      startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
      userDataDir,
      log,
    });
    links.ready();
    win.on('closed', () => {
      win = null;
      void services.stop();
    });
  });
}
