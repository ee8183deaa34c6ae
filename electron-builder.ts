/**
 * Installers (issue 10, point 6): `npx electron-builder --win | --mac | --linux` on a connected
 * machine after `npm run build` (see the README's "Building installers"). electron-builder finds
 * this file by its name (electron-builder.{yml,json,ts,…}; not electron-builder.config.ts); test/unit/packaging.test.ts validates it against electron-builder's own
 * schema and checks that every path it names exists.
 */
import type { Configuration } from 'electron-builder';

/** What electron-vite builds (electron.vite.config.ts): main with its workers, preload, renderer. */
export const BUILD_OUTPUT_DIRS = ['out/main', 'out/preload', 'out/renderer'] as const;

/** The Noto Sans SC weights the documents use (export/pdf.ts, export/charts.ts); the other seven are 11 MB each. */
export const SHIPPED_CJK_WEIGHTS = ['400Regular', '700Bold'] as const;
const UNUSED_CJK_WEIGHTS = [
  '100Thin',
  '200ExtraLight',
  '300Light',
  '500Medium',
  '600SemiBold',
  '800ExtraBold',
  '900Black',
];

/**
 * Packages only the renderer uses: Vite bundles them into out/renderer, and the main process and its
 * workers never load them (the test checks no shipped package or main-side source reaches one).
 * Left out of node_modules in the archive, about 70 MB.
 */
export const RENDERER_ONLY_PACKAGES = [
  '@mantine/core',
  '@mantine/dropzone',
  '@mantine/form',
  '@mantine/hooks',
  '@mantine/notifications',
  '@tabler/icons',
  '@tabler/icons-react',
  '@tanstack/react-query',
  '@tanstack/react-virtual',
  'i18next',
  'pdfjs-dist',
  'react',
  'react-dom',
  'react-i18next',
  'signature_pad',
] as const;

const config: Configuration = {
  appId: 'app.vigil.desktop',
  productName: 'Vigil',
  copyright: 'Copyright © 2026 Vigil',
  // ${…} are electron-builder's own macros, filled in at build time.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an electron-builder macro, not a template slip
  directories: { output: 'release/${version}', buildResources: 'build' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder macros, not a template slip
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',

  // The main process reads migrations and resources from the app path (electron/main/index.ts:
  // join(appPath, 'electron/core/db/migrations') and join(appPath, 'resources')), so they ship
  // inside the archive at those paths. Production dependencies are added by electron-builder.
  files: [
    ...BUILD_OUTPUT_DIRS.map((dir) => `${dir}/**`),
    'electron/core/db/migrations/**',
    'resources/**',
    // README screenshots are not the app's.
    '!resources/screenshots{,/**}',
    ...UNUSED_CJK_WEIGHTS.map((weight) => `!node_modules/@expo-google-fonts/noto-sans-sc/${weight}{,/**}`),
    '!node_modules/@expo-google-fonts/noto-sans-sc/font-family.png',
    ...RENDERER_ONLY_PACKAGES.map((name) => `!node_modules/${name}{,/**}`),
    // pdfjs-dist's optional canvas (32 MB of native code), reached only from the renderer's PDF preview.
    '!node_modules/@napi-rs/canvas{,-*}{,/**}',
    // better-sqlite3's sources and build leftovers: only build/Release/better_sqlite3.node is loaded.
    '!node_modules/better-sqlite3/{deps,src}{,/**}',
    '!node_modules/better-sqlite3/build/{Makefile,*.mk,*.Makefile,config.gypi,deps}{,/**}',
    '!node_modules/better-sqlite3/build/Release/{.deps,obj,obj.target,sqlite3.a,test_extension.node}{,/**}',
  ],

  asar: true,
  // Native code cannot be loaded from inside app.asar: better-sqlite3, sharp with libvips (@img,
  // whose .node finds the library by a relative path, so both stay side by side) and resvg. The chart
  // fonts too, since resvg opens them itself rather than through Electron's fs (see core/asar.ts).
  // The worker scripts stay in the archive: Electron runs worker_threads from asar, and outside it
  // they could not import the packages inside it.
  asarUnpack: [
    '**/*.node',
    'node_modules/better-sqlite3/build/Release/**',
    'node_modules/sharp/**',
    'node_modules/@img/**',
    'node_modules/@resvg/**',
    'node_modules/pdfmake/fonts/Roboto/Roboto-{Regular,Medium}.ttf',
    ...SHIPPED_CJK_WEIGHTS.map((weight) => `node_modules/@expo-google-fonts/noto-sans-sc/${weight}/*.ttf`),
  ],
  // better-sqlite3 compiled against Electron's ABI in the staged app (npm install built it for
  // Node). sharp and resvg ship prebuilt Node-API binaries, which need no rebuild.
  npmRebuild: true,
  buildDependenciesFromSource: false,
  // Installers are handed over, not published from a build.
  publish: null,

  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed Vigil binary into a general Node.js interpreter
    // that any local process could drive with our code signature and keychain identity.
    runAsNode: false,
    // NODE_OPTIONS (--require, --import) would let the environment inject code into the main process.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect and SIGUSR1 would open a debugger on the main process, which holds the store and the
    // signing key.
    enableNodeCliInspectArguments: false,
    // The archive is checked against the hash recorded at build time (macOS, and Windows from
    // Electron 30): a modified app.asar is refused instead of run.
    enableEmbeddedAsarIntegrityValidation: true,
    // Without it Electron would also run an unchecked app folder placed beside app.asar.
    onlyLoadAppFromAsar: true,
    // Cookies are encrypted with the OS key store like Chrome's; Vigil keeps none today, so this
    // costs nothing and covers any a later feature sets.
    enableCookieEncryption: true,
    // grantFileProtocolExtraPrivileges stays as Electron ships it: the renderer is loaded from
    // file:// (main/window.ts) and its module scripts need those privileges.
  },

  fileAssociations: [
    {
      ext: 'vigil',
      name: 'Vigil engagement bundle',
      description: 'Vigil engagement bundle',
      mimeType: 'application/x-vigil-bundle',
      role: 'Editor',
    },
  ],

  win: { target: [{ target: 'nsis', arch: ['x64'] }] },
  nsis: {
    // An assisted installer, so a consultant without admin rights can install for themselves.
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // Engagements, evidence and signed deliverables outlive an uninstall or a reinstall.
    deleteAppDataOnUninstall: false,
  },

  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { writeUpdateInfo: false },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'vigil',
    synopsis: 'Key-event assurance engagements, offline',
    // deb needs a maintainer; package.json has no author.
    maintainer: 'Vigil maintainers <vigil@localhost>',
  },
  deb: {
    // Electron's own runtime needs on Debian/Ubuntu (electron-builder's defaults, plus the secret
    // store safeStorage uses for the signing key).
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ],
  },
};

export default config;
