// electron-builder configuration for the desktop installers (issue 10). `scripts/dist.mjs` loads it and hands
// it to electron-builder's API; the tests validate it against electron-builder's own JSON schema.
import type { Configuration } from 'electron-builder';
import { flipFusesAfterPack } from './fuses';

/** Bundled files the app runs from (scripts/build.mjs writes them). The main process starts from `main`. */
export const appEntry = 'dist/electron/main.cjs';
export const bundleDirs = ['dist/electron', 'dist/renderer', 'dist/cli'] as const;
/** Where installers land: inside dist/ (git-ignored) but outside the bundle folders that get packed. */
export const installersDir = 'dist/installers';

/**
 * Runtime dependencies that only the renderer uses. Vite already bundles them into dist/renderer, so shipping
 * their node_modules copy as well would add ~120 MB (Monaco alone is 105 MB) that nothing requires. A test
 * checks that no bundle the main process loads requires any of them.
 */
export const rendererOnlyPackages = [
  'monaco-editor',
  'react',
  'react-dom',
  'scheduler',
  '@xterm/xterm',
  '@xterm/addon-fit',
  '@xterm/addon-webgl',
  'zustand',
  'react-resizable-panels',
] as const;

/** Never shipped, wherever they sit: tests, TypeScript sources, docs and build inputs of dependencies. */
const excludedEverywhere = [
  '!**/*.{test,spec,bench}.{ts,tsx,js,mjs,cjs}',
  '!**/{__tests__,__mocks__,test,tests,e2e,bench}/**',
  '!**/*.{ts,tsx,mts,cts}',
  '!**/tsconfig*.json',
  '!**/{.github,.vscode,docs,example,examples,coverage}/**',
  // node-pty: its C++ and winpty sources only serve node-gyp; build/Release or the prebuilt binary loads.
  '!node_modules/node-pty/{src,deps,scripts}/**',
  '!node_modules/node-pty/binding.gyp',
  // Native modules (node-pty, tree-sitter-bash) ship prebuilt binaries for every OS; keep this OS's only
  // (both archs on macOS, where the universal app needs them).
  '!node_modules/**/prebuilds/!(${platform}-*)/**',
];

export interface ConfigOptions {
  /** Ship the `.map` files next to the bundles (set KEEL_SOURCEMAPS=1); off by default: they double the size. */
  sourcemaps?: boolean;
}

export function createConfig(options: ConfigOptions = {}): Configuration {
  return {
    appId: 'dev.keel.ide',
    productName: 'Keel',
    copyright: 'Copyright © Keel contributors',
    directories: { output: installersDir, buildResources: 'build' },
    // package.json has no `main` (the repo runs from sources) nor `author`; the packed copy gets the bundle's
    // entry point, and an author for the Windows CompanyName and the deb's Maintainer.
    // desktopName: Electron derives the Linux app_id / WM_CLASS from it, and syncDesktopName names the .desktop
    // file the same, so docks group Keel's windows under its launcher.
    extraMetadata: {
      main: appEntry,
      author: { name: 'Keel contributors', email: 'maintainers@keel.dev' },
      desktopName: 'keel.desktop',
    },
    files: [
      'package.json',
      ...bundleDirs.map((dir) => `${dir}/**`),
      ...(options.sourcemaps ? [] : ['!**/*.map']),
      ...excludedEverywhere,
      ...rendererOnlyPackages.map((name) => `!node_modules/${name}/**`),
    ],
    // The sample project Keel opens when no folder is given, as a real folder (resources/examples) rather than
    // inside the read-only asar, so it can be watched and copied; the main process finds it via process.resourcesPath.
    extraResources: [{ from: 'examples', to: 'examples', filter: ['**/*', '!node_modules/**'] }],
    asar: true,
    // node-pty's binary and its helpers (spawn-helper on macOS, conpty/winpty on Windows) are executed or
    // dlopen'ed by path, which an asar archive cannot serve; node-pty rewrites `app.asar` → `app.asar.unpacked`.
    asarUnpack: ['node_modules/node-pty/**'],
    // Rebuild native modules (node-pty) against Electron's headers rather than the Node that ran `npm ci`.
    npmRebuild: true,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    afterPack: flipFusesAfterPack,

    publish: [{ provider: 'github', releaseType: 'draft' }],

    linux: {
      target: ['AppImage', 'deb'],
      executableName: 'keel',
      icon: 'build/icons/png',
      category: 'Development',
      synopsis: 'A desktop IDE where the spec is the unit of work',
      maintainer: 'Keel contributors <maintainers@keel.dev>',
      // Lets file managers offer "Open with Keel" on a folder; Keel opens the folder as its workspace.
      mimeTypes: ['inode/directory'],
      syncDesktopName: true,
      desktop: { entry: { Keywords: 'IDE;editor;spec;kiro;' } },
    },
    deb: { depends: ['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libsecret-1-0'] },

    mac: {
      target: [{ target: 'dmg', arch: ['universal'] }],
      icon: 'build/icons/icon.icns',
      category: 'public.app-category.developer-tools',
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      // One app for Intel and Apple silicon: @electron/universal lipo-merges the per-arch builds. Native modules
      // ship both darwin prebuilds, identical in the two builds and single-arch by design: whitelist them.
      mergeASARs: true,
      x64ArchFiles: 'Contents/Resources/app.asar.unpacked/node_modules/**/prebuilds/darwin-*/**',
      extendInfo: {
        // Dropping a folder on the Dock icon or "Open With → Keel" in Finder opens it as a workspace.
        CFBundleDocumentTypes: [
          {
            CFBundleTypeName: 'Folder',
            CFBundleTypeRole: 'Editor',
            LSHandlerRank: 'Alternate',
            LSItemContentTypes: ['public.folder'],
          },
        ],
      },
    },
    dmg: { title: '${productName} ${version}' },

    win: {
      // x64 only for now: an arm64 installer needs node-pty rebuilt with MSVC's ARM64 Spectre libraries.
      target: [{ target: 'nsis', arch: ['x64'] }],
      icon: 'build/icons/icon.ico',
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      // build/installer.nsh adds "Open with Keel" to folders in Explorer (Windows has no folder file type).
      include: 'build/installer.nsh',
      deleteAppDataOnUninstall: false,
    },
  };
}

export default createConfig({ sourcemaps: process.env.KEEL_SOURCEMAPS === '1' });
