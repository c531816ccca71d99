// Test helper: a stand-in for the Electron binary, which cannot be downloaded on our build machines. It carries
// Electron's fuse wire exactly as Electron lays it out (sentinel, version 1, wire length, one byte per fuse:
// '0' off, '1' on), so @electron/fuses and electron-builder treat it like the real executable.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults for the nine V1 fuses: RunAsNode on, cookies plain, NODE_OPTIONS and --inspect on, … */
export const ELECTRON_DEFAULT_WIRE = '101100011';

export function writeFakeElectron(path: string, wire = ELECTRON_DEFAULT_WIRE): void {
  const filler = Buffer.alloc(4096, 0x90);
  const bytes = Buffer.concat([filler, Buffer.from(FUSE_SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), filler]);
  writeFileSync(path, bytes, { mode: 0o755 });
}

/** An unpacked Linux Electron distribution (what electron-builder's `electronDist` accepts). */
export function writeFakeLinuxElectronDist(dir: string, version: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFakeElectron(join(dir, 'electron'));
  writeFileSync(join(dir, 'version'), `v${version}`);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in for Electron\'s LICENSE\n');
}
