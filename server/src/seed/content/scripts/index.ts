// The troubleshooting scripts shipped with the demo data, with fixed ids so the seed is stable.
import type { TroubleshootingScript } from '../../../../../contract/domain/script.ts';
import { NO_CONNECTION_ETHERNET } from './no-connection-ethernet.ts';
import { WIFI_OS, wifiScript } from './wifi-setup.ts';

export function troubleshootingScripts(updatedAt: string): TroubleshootingScript[] {
  const make = (n: number, s: { title: string; steps: TroubleshootingScript['steps'] }): TroubleshootingScript => ({
    id: `5c000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: s.title,
    category: 'technical',
    start: s.steps[0]!.id,
    steps: s.steps,
    updatedAt,
  });
  return [
    make(1, NO_CONNECTION_ETHERNET),
    make(2, wifiScript(WIFI_OS.windows)),
    make(3, wifiScript(WIFI_OS.macos)),
    make(4, wifiScript(WIFI_OS.android)),
    make(5, wifiScript(WIFI_OS.ios)),
  ];
}
