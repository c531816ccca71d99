// Electron fuses: switches compiled into the Electron binary that no command-line flag or environment variable
// can turn back on. Flipped on the packed app before it is signed (electron-builder's afterPack hook).
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { join } from 'node:path';
import type { AfterPackContext } from 'electron-builder';

type FuseName = keyof typeof FuseV1Options;

/**
 * Keel's fuse settings, one place. Fuses not named here keep Electron's default.
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 Keel` would otherwise be a signed Node.js anyone can script.
 * - NODE_OPTIONS / --inspect off: no injecting code or attaching a debugger to the shipped app.
 * - Cookie encryption on: the cookie store is encrypted with the OS keychain, as Chrome does.
 * - ASAR integrity + only-load-from-asar on: the app runs only the code that was packed and signed.
 * - File-protocol extra privileges off: the renderer is served from a custom protocol, never file://.
 */
export const fuseSettings = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
} as const satisfies Partial<Record<FuseName, boolean>>;

/** The settings in @electron/fuses' wire format. */
export function fuseConfig(platform: string, host: string = process.platform): FuseV1Config {
  const config: FuseV1Config = {
    version: FuseVersion.V1,
    // Rewriting bytes breaks the ad-hoc signature Electron ships with; an unsigned build for Apple silicon
    // would then refuse to start. A real signature (when configured) is applied after this hook anyway.
    // Only macOS has `codesign`; a macOS app packed elsewhere cannot be signed at all.
    resetAdHocDarwinSignature: platform === 'darwin' && host === 'darwin',
  };
  for (const [name, value] of Object.entries(fuseSettings)) {
    config[FuseV1Options[name as FuseName]] = value;
  }
  return config;
}

/** Path of the packed app's Electron executable (the .app bundle on macOS; @electron/fuses finds the framework). */
export function packedExecutablePath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      // Linux names the binary after `linux.executableName` (keel), not the product name.
      return join(appOutDir, (packager as unknown as { executableName: string }).executableName);
    default:
      throw new Error(`Cannot flip Electron fuses: unknown platform "${electronPlatformName}"`);
  }
}

/**
 * afterPack hook. For a universal macOS build electron-builder also calls it on the two single-arch builds it
 * merges; flipping those too is harmless (same bytes, and the merged binary is flipped again afterwards).
 */
export async function flipFusesAfterPack(context: AfterPackContext): Promise<void> {
  const executable = packedExecutablePath(context);
  try {
    await flipFuses(executable, fuseConfig(context.electronPlatformName));
  } catch (error) {
    // Shipping an app whose fuses silently stayed open is worse than no build: fail the packaging step.
    throw new Error(`Could not flip Electron fuses in ${executable}: ${(error as Error).message}`, { cause: error });
  }
}
