// Where the Electron binary is, or null. `require('electron')` returns its path — but when the binary
// is missing it first tries to download it (and throws when it cannot). So: if the package's own
// record of the binary (path.txt → dist/…) or ELECTRON_OVERRIDE_DIST_PATH shows nothing is there,
// answer null without asking; otherwise ask require('electron') and check the file exists.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(): string | null {
  const require = createRequire(import.meta.url);
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    if (!override && !existsSync(pathFile)) return null;
    if (!override && !existsSync(join(pkgDir, 'dist', readFileSync(pathFile, 'utf8')))) return null;
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export const skipReason = (n: number) => `Electron binary not available: skipped ${n} tests`;
