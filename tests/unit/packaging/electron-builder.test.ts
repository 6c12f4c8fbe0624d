// electron-builder.yml is valid for electron-builder (its own JSON schema, validated with ajv — which
// electron-builder depends on) and keeps its security-relevant settings.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);
// js-yaml is what electron-builder itself reads the file with (via app-builder-lib).
const yaml = require('js-yaml') as { load(text: string): unknown };

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("passes electron-builder's own validateConfiguration, as `electron-builder` runs it", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('a misspelt key would be caught (the schema is strict)', () => {
    const ajv = new Ajv({ strict: false, allowUnionTypes: true });
    expect(ajv.validate(schema, { ...config, appID: 'x' })).toBe(false);
    expect(ajv.validate(schema, { ...config, mac: { ...config.mac, hardenRuntime: true } })).toBe(false);
  });

  it('names the product and its targets', () => {
    expect(config.appId).toBe('ru.pult.workstation');
    expect(config.productName).toBe('Pult');
    expect(config.win.target).toEqual(expect.arrayContaining(['msi', 'nsis']));
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('MSI is per machine and carries the preset; the preset shipped is valid and empty', () => {
    expect(config.msi.perMachine).toBe(true);
    expect(config.msi.upgradeCode).toMatch(/^[0-9a-f-]{36}$/);
    expect(config.extraResources).toContainEqual({ from: 'resources/preset', to: 'preset', filter: ['config.json'] });
    expect(JSON.parse(readFileSync('resources/preset/config.json', 'utf8'))).toEqual({});
  });

  it('registers tel, sip and callto', () => {
    const schemes = (config.protocols as Array<{ schemes: string[] }>).flatMap((p) => p.schemes).sort();
    expect(schemes).toEqual(['callto', 'sip', 'tel']);
    expect(config.linux.mimeTypes).toEqual(expect.arrayContaining(['x-scheme-handler/tel', 'x-scheme-handler/sip', 'x-scheme-handler/callto']));
  });

  it('macOS: hardened runtime, microphone entitlement and usage text, no camera entitlement', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/i);
    const plist = readFileSync(config.mac.entitlements as string, 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    expect(plist).not.toMatch(/device\.camera|disable-library-validation|allow-unsigned-executable-memory|allow-dyld-environment-variables/);
  });

  it('fuses: no run-as-node, no NODE_OPTIONS or inspect flags, asar only and integrity-checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('packs only the build output and the native SQLite addon (unpacked), no source maps or other node_modules; the installers do not ask for admin', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!**/*.map', '!node_modules/**', 'node_modules/better-sqlite3/prebuilds/**']));
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**']);
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
    expect(config.nsis.allowElevation).toBe(false);
  });

  it('icons exist in every format the targets need', () => {
    const pngSize = (path: string) => {
      const b = readFileSync(path);
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    expect(pngSize('resources/icon.png')).toEqual([512, 512]);
    expect(readFileSync(config.win.icon as string).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(readFileSync(config.mac.icon as string).subarray(0, 4).toString('ascii')).toBe('icns');
    for (const s of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(`${config.linux.icon}/${s}x${s}.png`)).toEqual([s, s]);
    expect(existsSync('resources/entitlements.mac.plist')).toBe(true);
  });
});
