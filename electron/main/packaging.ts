// How the desktop app is packaged (read by scripts/package-electron.mjs from dist/), and where the
// engine host runs from inside a package. No electron import: it is data and one path rule.

/**
 * Electron fuses, flipped in the binary at package time (before signing, so the signature covers
 * them). Keys are electron-builder's `electronFuses` names (@electron/fuses' FuseV1Options).
 */
export const ELECTRON_FUSES = {
  /** ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node. */
  runAsNode: false,
  enableCookieEncryption: true,
  /** NODE_OPTIONS could preload arbitrary code into the main process. */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect would open a debugger on the main process. */
  enableNodeCliInspectArguments: false,
  /** Checks app.asar against the hash embedded at package time (macOS, and Windows from Electron 30). */
  enableEmbeddedAsarIntegrityValidation: true,
  /** Loads the app only from app.asar, never from a loose app/ folder beside it. */
  onlyLoadAppFromAsar: true,
  /** The page is served from app://, so file:// needs none of its historical extra powers. */
  grantFileProtocolExtraPrivileges: false,
} as const satisfies Readonly<Record<string, boolean>>;

/**
 * What is unpacked beside app.asar (into app.asar.unpacked). The engine host is a utilityProcess
 * that starts ES-module worker threads from dist/core/node by `new URL('./x.js', import.meta.url)`
 * and imports packages from node_modules; it reads the built-in sample relative to its own files,
 * and Node decides that its .js files are ES modules from the nearest package.json. Unpacked, all
 * of that resolves on the plain file system exactly as in development. What stays inside the
 * (integrity-checked) archive: Electron main, the preload and the renderer, which only main reads.
 * On macOS the code signature of the .app covers the unpacked files as well.
 */
export const ASAR_UNPACK = ['dist/core/**', 'node_modules/**', 'sample/**', 'package.json'] as const;

/** The electron-builder configuration (AppImage/deb, dmg, nsis). `npm run build` must run first. */
export const BUILDER_CONFIG = {
  appId: 'dev.vecscope.app',
  productName: 'vecscope',
  directories: { output: 'release' },
  files: [
    'dist/core/**',
    'dist/electron/**',
    '!dist/**/*.map',
    'renderer/dist/**',
    'sample/**',
    'bin/**',
    'package.json',
  ],
  asar: true,
  asarUnpack: [...ASAR_UNPACK],
  electronFuses: ELECTRON_FUSES,
  linux: { target: ['AppImage', 'deb'], category: 'Science', maintainer: 'vecscope developers' },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools', hardenedRuntime: true },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
} as const;

/**
 * The path of an unpacked file: `…/app.asar/dist/core/x.js` becomes `…/app.asar.unpacked/dist/core/x.js`.
 * Outside a package (no `app.asar` folder segment) the path is returned as it is.
 */
export function asarUnpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}
