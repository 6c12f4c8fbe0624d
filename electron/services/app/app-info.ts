// What `app.getInfo` reports. The version comes from package.json (Electron: app.getVersion()).
import { readFileSync } from 'node:fs';
import type { AppInfo } from '../../../contract/ipc.ts';

export function readPackageVersion(packageJsonPath: string): string {
  try {
    const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function appInfo(opts: { version: string; host: AppInfo['host']; build?: string; platform?: string }): AppInfo {
  return {
    name: 'Pult',
    version: opts.version,
    build: opts.build ?? process.env.PULT_BUILD ?? 'dev',
    platform: opts.platform ?? `${process.platform}-${process.arch}`,
    host: opts.host,
  };
}
