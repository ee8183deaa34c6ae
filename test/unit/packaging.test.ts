/**
 * The installer configuration (electron-builder.ts) as electron-builder itself loads and validates
 * it, the promises issue 10 makes about it, and that every path it names is there. Installers
 * cannot be built on this machine (no Electron binary download), so this is what checks them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../electron/core/asar';
import { electronBindingPath, mainProcessBinding } from '../../electron/native/binding';
import viteConfig from '../../electron.vite.config';
import config, { BUILD_OUTPUT_DIRS, RENDERER_ONLY_PACKAGES, SHIPPED_CJK_WEIGHTS } from '../../electron-builder';

const ROOT = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
// electron-builder's own loader, schema validator and glob matcher, reached through the package we
// depend on so the test follows its version.
const builderRequire = createRequire(require.resolve('electron-builder'));
const libRequire = createRequire(builderRequire.resolve('app-builder-lib/package.json'));
type DebugLogger = { isEnabled: boolean; add: (key: string, value: unknown) => void };
const builderConfig: {
  getConfig: (projectDir: string, configPath: string | null, options: null) => Promise<Configuration>;
  validateConfiguration: (config: Configuration, logger: DebugLogger) => Promise<void>;
} = builderRequire('app-builder-lib/out/util/config/config.js');
const { minimatch }: { minimatch: (path: string, pattern: string, options?: { dot?: boolean }) => boolean } =
  libRequire('minimatch');
const quietLogger: DebugLogger = { isEnabled: false, add: () => undefined };

const patterns = (value: Configuration['files'] | Configuration['asarUnpack']): string[] => {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map((entry) => {
    if (typeof entry !== 'string') throw new Error(`expected plain glob patterns, got ${JSON.stringify(entry)}`);
    return entry;
  });
};
const filePatterns = patterns(config.files);
const included = filePatterns.filter((p) => !p.startsWith('!'));
const excluded = filePatterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
const unpackPatterns = patterns(config.asarUnpack);

/** Whether electron-builder would put this repo-relative path (forward slashes) in the app. */
function shipped(path: string): boolean {
  const isDependency = path.startsWith('node_modules/');
  // Production dependencies are added whatever `files` says; the patterns can only leave parts out.
  const matchedIn = isDependency || included.some((p) => minimatch(path, p, { dot: true }));
  return matchedIn && !excluded.some((p) => minimatch(path, p, { dot: true }));
}

function unpacked(path: string): boolean {
  return unpackPatterns.some((p) => minimatch(path, p, { dot: true }));
}

/** The folders of a glob before its first wildcard or brace (the whole path when it has none). */
function staticPrefix(pattern: string): string {
  const cut = pattern.search(/[*?{[]/);
  if (cut < 0) return pattern;
  return pattern.slice(0, Math.max(0, pattern.lastIndexOf('/', cut)));
}

function filesUnder(dir: string): string[] {
  const absolute = join(ROOT, dir);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [dir];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .map((name) => `${dir}/${name.split('\\').join('/')}`)
    .filter((path) => statSync(join(ROOT, path)).isFile());
}

type LockEntry = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
const lockfile: { packages: Record<string, LockEntry> } = JSON.parse(
  readFileSync(join(ROOT, 'package-lock.json'), 'utf8'),
);

/** Where Node would find `name` from the package at lock path `from` ('' is the app), as npm laid it out. */
function locate(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lockfile.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/** Every package the shipped production dependencies load, by lock path, walking from the app. */
function reachableFromShipped(leftOut: (name: string) => boolean): Set<string> {
  const reached = new Set<string>();
  const visit = (from: string, entry: LockEntry | undefined) => {
    const names = Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies });
    for (const name of names) {
      if (from === '' && leftOut(name)) continue;
      const path = locate(from, name);
      if (!path || reached.has(path)) continue;
      reached.add(path);
      visit(path, lockfile.packages[path]);
    }
  };
  visit('', lockfile.packages['']);
  return reached;
}

const posix = (path: string) => relative(ROOT, path).split('\\').join('/');

describe('installer configuration', () => {
  it('is the file electron-builder loads, and passes its own JSON schema', async () => {
    const loaded = await builderConfig.getConfig(ROOT, null, null);
    expect(loaded.appId).toBe(config.appId);
    expect(loaded.electronFuses).toEqual(config.electronFuses);
    await expect(builderConfig.validateConfiguration(loaded, quietLogger)).resolves.toBeUndefined();
  });

  it('is checked by a validator that refuses what the schema does not know', async () => {
    const wrong = { ...config, mac: { ...config.mac, hardenedRuntme: true } };
    await expect(builderConfig.validateConfiguration(wrong, quietLogger)).rejects.toThrow(/configuration\.mac/);
  });

  it('builds Windows NSIS, macOS dmg with the hardened runtime, and Linux AppImage and deb', () => {
    expect(config.productName).toBe('Vigil');
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    // deb refuses to build without a maintainer, and package.json names no author.
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    // Each installer's name carries the version and platform (electron-builder macros).
    expect(config.artifactName).toMatch(/\$\{version\}.*\$\{os\}/);
  });

  it('signs macOS builds with entitlements that allow V8 its JIT and nothing more', () => {
    for (const path of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(path).toBe('build/entitlements.mac.plist');
      const plist = readFileSync(join(ROOT, path ?? ''), 'utf8');
      const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
      expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('sets the Electron fuses: no run-as-Node, no NODE_OPTIONS or inspector, only a checked app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('rebuilds better-sqlite3 for Electron and unpacks every native module and what it loads', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
    const nativeFiles = [
      require.resolve('better-sqlite3/build/Release/better_sqlite3.node'),
      ...filesUnder('node_modules/@img').map((path) => join(ROOT, path)),
      ...filesUnder('node_modules/@resvg').map((path) => join(ROOT, path)),
    ]
      .map(posix)
      .filter((path) => /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/.test(path));
    // better-sqlite3, sharp's binding, libvips and resvg's binding for this platform at least.
    expect(nativeFiles.length).toBeGreaterThanOrEqual(4);
    expect(nativeFiles.filter((path) => !unpacked(path))).toEqual([]);
    expect(nativeFiles.filter((path) => !shipped(path))).toEqual([]);
  });

  it('unpacks the fonts resvg opens itself, and ships the ones pdfmake reads', () => {
    const chartFonts = [
      'pdfmake/fonts/Roboto/Roboto-Regular.ttf',
      'pdfmake/fonts/Roboto/Roboto-Medium.ttf',
      ...SHIPPED_CJK_WEIGHTS.map((w) => `@expo-google-fonts/noto-sans-sc/${w}/NotoSansSC_${w}.ttf`),
    ].map((specifier) => posix(require.resolve(specifier)));
    for (const font of chartFonts) {
      expect(shipped(font), font).toBe(true);
      expect(unpacked(font), font).toBe(true);
    }
    const documentFonts = ['Italic', 'MediumItalic'].map((name) =>
      posix(require.resolve(`pdfmake/fonts/Roboto/Roboto-${name}.ttf`)),
    );
    for (const font of documentFonts) expect(shipped(font), font).toBe(true);
    // The unused Noto Sans SC weights stay out of the installer.
    expect(shipped('node_modules/@expo-google-fonts/noto-sans-sc/300Light/NotoSansSC_300Light.ttf')).toBe(false);
  });

  it('names only paths that exist: every files and asarUnpack pattern matches files in the repo', () => {
    const buildOutput = new Set<string>(BUILD_OUTPUT_DIRS.map((dir) => `${dir}/**`));
    for (const pattern of included.filter((p) => !buildOutput.has(p))) {
      const candidates = filesUnder(staticPrefix(pattern));
      expect(
        candidates.some((path) => shipped(path)),
        `${pattern} matches no file`,
      ).toBe(true);
    }
    for (const pattern of unpackPatterns.filter((p) => !p.startsWith('**/'))) {
      const candidates = filesUnder(staticPrefix(pattern));
      expect(
        candidates.some((path) => minimatch(path, pattern, { dot: true })),
        `asarUnpack ${pattern} matches no file`,
      ).toBe(true);
    }
  });

  it('ships the build output electron-vite writes, with the main entry and every worker file the core starts', () => {
    const outDir = (value: string | undefined) => posix(resolve(ROOT, value ?? ''));
    expect(BUILD_OUTPUT_DIRS).toEqual([
      outDir(viteConfig.main?.build?.outDir),
      outDir(viteConfig.preload?.build?.outDir),
      outDir(viteConfig.renderer?.build?.outDir),
    ]);
    const packageJson: { main: string } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(shipped(packageJson.main)).toBe(true);
    const input = viteConfig.main?.build?.rollupOptions?.input;
    const entries = input && typeof input === 'object' && !Array.isArray(input) ? Object.keys(input) : [];
    // The names electron/core/{evidence/pool,export/worker-client,loadtest/worker-client}.ts look for.
    expect(entries).toEqual(expect.arrayContaining(['index', 'image-worker', 'export-worker', 'loadtest-worker']));
    for (const name of entries) expect(shipped(`out/main/${name}.js`), name).toBe(true);
    expect(shipped('out/renderer/index.html')).toBe(true);
    expect(shipped('out/preload/index.cjs')).toBe(true);
  });

  it('ships migrations and every resource folder the core reads, but no npm start binding or screenshots', () => {
    const migrations = filesUnder('electron/core/db/migrations');
    expect(migrations.some((path) => path.endsWith('.sql'))).toBe(true);
    expect(migrations.filter((path) => !shipped(path))).toEqual([]);
    expect(shipped('electron/core/db/migrations/meta/_journal.json')).toBe(true);

    // Every resources/<folder> a service joins onto ctx.resourcesDir.
    const coreSources = filesUnder('electron/core').filter((path) => path.endsWith('.ts'));
    const folders = new Set(
      coreSources.flatMap((path) =>
        [...readFileSync(join(ROOT, path), 'utf8').matchAll(/resourcesDir, '([\w-]+)'/g)].map((m) => m[1]),
      ),
    );
    expect([...folders].sort()).toEqual(
      expect.arrayContaining(['calendars', 'capacity', 'catalogs', 'checklists', 'optimization']),
    );
    for (const folder of folders) {
      const files = filesUnder(`resources/${folder}`);
      expect(files.length, `resources/${folder}`).toBeGreaterThan(0);
      expect(files.filter((path) => !shipped(path))).toEqual([]);
    }
    expect(shipped('resources/screenshots/engagements.png')).toBe(false);
    expect(shipped(posix(electronBindingPath(ROOT, '45.4.1')))).toBe(false);
    expect(shipped('test/fixtures/core.ts')).toBe(false);
    expect(shipped('electron/main/index.ts')).toBe(false);
  });

  it('leaves out only packages the main process and its workers never load', () => {
    const leftOut = (name: string) => shipped(`node_modules/${name}/package.json`) === false;
    for (const name of RENDERER_ONLY_PACKAGES) expect(leftOut(name), name).toBe(true);
    // No main-side source imports or resolves one (the renderer bundles its own copy).
    const mainSources = [...filesUnder('electron'), ...filesUnder('shared')].filter((path) =>
      /\.(ts|mts|mjs)$/.test(path),
    );
    const specifiers = new Set(
      mainSources.flatMap((path) =>
        [
          ...readFileSync(join(ROOT, path), 'utf8').matchAll(
            /(?:from|import\(|require\(|require\.resolve\()\s*'((?:@[\w.-]+\/)?[\w.-]+)[^']*'/g,
          ),
        ].map((m) => m[1] ?? ''),
      ),
    );
    expect([...specifiers].filter((name) => leftOut(name))).toEqual([]);
    // Nor does any package that ships depend on one.
    const reached = [...reachableFromShipped(leftOut)].map((path) =>
      path.slice(path.lastIndexOf('node_modules/') + 13),
    );
    expect(reached.filter((name) => leftOut(name))).toEqual([]);
    expect(reached).toEqual(expect.arrayContaining(['better-sqlite3', 'sharp', 'pdfmake', 'drizzle-orm']));
  });

  it('opens .vigil engagement bundles with Vigil', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'vigil', name: 'Vigil engagement bundle' }),
    ]);
  });
});

describe('better-sqlite3 binding in the main process', () => {
  const appPath = '/opt/Vigil/resources/app.asar';
  const devPath = electronBindingPath('/repo', '45.4.1');

  it('uses the copy npm start compiled for Electron when it is there', () => {
    const options = { appPath: '/repo', electronVersion: '45.4.1', isPackaged: false };
    expect(mainProcessBinding({ ...options, exists: (path) => path === devPath })).toBe(devPath);
    expect(mainProcessBinding({ ...options, exists: () => false })).toBeUndefined();
  });

  it('lets a packaged app load the module electron-builder rebuilt, even if an out/native copy was shipped', () => {
    expect(
      mainProcessBinding({ appPath, electronVersion: '45.4.1', isPackaged: true, exists: () => true }),
    ).toBeUndefined();
  });
});

describe('paths of unpacked files', () => {
  it('points into app.asar.unpacked for a file inside the archive', () => {
    expect(
      unpackedPath('/opt/Vigil/resources/app.asar/node_modules/pdfmake/fonts/Roboto/Roboto-Regular.ttf', '/'),
    ).toBe('/opt/Vigil/resources/app.asar.unpacked/node_modules/pdfmake/fonts/Roboto/Roboto-Regular.ttf');
    expect(unpackedPath('C:\\Program Files\\Vigil\\resources\\app.asar\\node_modules\\x.ttf', '\\')).toBe(
      'C:\\Program Files\\Vigil\\resources\\app.asar.unpacked\\node_modules\\x.ttf',
    );
  });

  it('leaves paths outside an archive, or already unpacked, as they are', () => {
    const dev = '/repo/node_modules/pdfmake/fonts/Roboto/Roboto-Regular.ttf';
    expect(unpackedPath(dev, '/')).toBe(dev);
    const already = '/opt/Vigil/resources/app.asar.unpacked/node_modules/x.ttf';
    expect(unpackedPath(already, '/')).toBe(already);
  });
});
