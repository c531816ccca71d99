// The packaging config: valid for electron-builder 26, and carrying what each platform's installer needs.
import { describe, expect, it } from 'vitest';
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { appEntry, createConfig } from './electron-builder.config';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** electron-builder's own JSON schema (app-builder-lib/scheme.json), as installed next to electron-builder. */
function loadSchemaValidator(): ValidateFunction {
  const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
  const schema = JSON.parse(readFileSync(requireFromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  // As electron-builder itself validates: `strict: false` lets ajv skip the schema's `typeof` keyword, which its
  // generator emits for hooks and for string maps alike (linux.desktop.entry), so it cannot be enforced. Unlike
  // electron-builder we do not coerce types: a number where a string belongs is an error here.
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

const validate = loadSchemaValidator();
const errorsOf = (config: unknown) => (validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('electron-builder config', () => {
  it('validates against electron-builder\'s schema, with and without source maps', () => {
    expect(errorsOf(createConfig())).toEqual([]);
    expect(errorsOf(createConfig({ sourcemaps: true }))).toEqual([]);
  });

  it('is rejected by the same schema when an option is misspelled (the check has teeth)', () => {
    const typo = { ...createConfig(), linx: { target: ['deb'] } };
    expect(errorsOf(typo)).toContain(' must NOT have additional properties');
    const wrongType = { ...createConfig(), nsis: { ...createConfig().nsis, oneClick: 'no' } };
    expect(errorsOf(wrongType)).toContain('/nsis/oneClick must be boolean');
  });

  it('names the app and builds the installers issue 10 asks for on each platform', () => {
    const config = createConfig();
    expect(config.appId).toBe('dev.keel.ide');
    expect(config.productName).toBe('Keel');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    // The packed package.json must point Electron at the bundled main process.
    expect(config.extraMetadata).toMatchObject({ main: appEntry, author: { name: 'Keel contributors' } });
  });

  it('ships source maps only when asked to', () => {
    expect(createConfig().files).toContain('!**/*.map');
    expect(createConfig({ sourcemaps: true }).files).not.toContain('!**/*.map');
  });

  it('offers to open folders on every platform', () => {
    const config = createConfig();
    expect(config.linux?.mimeTypes).toContain('inode/directory');
    const docTypes = (config.mac?.extendInfo as { CFBundleDocumentTypes: { LSItemContentTypes: string[] }[] }).CFBundleDocumentTypes;
    expect(docTypes.flatMap((t) => t.LSItemContentTypes)).toContain('public.folder');
    const nsis = readFileSync(join(root, config.nsis?.include as string), 'utf8');
    expect(nsis).toContain('Software\\Classes\\Directory\\shell\\Keel\\command');
    expect(nsis).toContain('!macro customUnInstall');
  });
});

describe('icons', () => {
  const config: Configuration = createConfig();

  /** Width and height from a PNG's IHDR chunk. */
  const pngSize = (file: string) => {
    const bytes = readFileSync(file);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  };

  it('has a PNG for every size Linux desktops ask for, named the way electron-builder reads them', () => {
    const dir = join(root, config.linux?.icon as string);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(join(dir, `${size}x${size}.png`))).toEqual([size, size]);
    }
  });

  it('has a macOS .icns up to 1024 px and a Windows .ico up to 256 px', () => {
    const icns = readFileSync(join(root, config.mac?.icon as string));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // 1024 px (512@2x)

    const ico = readFileSync(join(root, config.win?.icon as string));
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    const count = ico.readUInt16LE(4);
    // Each directory entry stores the width in one byte, 0 meaning 256.
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('keeps the SVG the icons are drawn from, and the script that redraws them', () => {
    expect(existsSync(join(root, 'build/icons/icon.svg'))).toBe(true);
    expect(existsSync(join(root, 'build/icons/generate.sh'))).toBe(true);
  });
});
