/**
 * An offline packaging rehearsal: electron-builder packs the app for Linux (`--dir`) from
 * electron-builder.ts into a temp folder, with a stand-in Electron folder instead of the download
 * (electronDist), no fuses (they need the real binary) and no rebuild (it would rebuild the repo's
 * better-sqlite3 for Electron and break the tests). Then it checks what the archive holds and what
 * is unpacked, extracts it, and has plain Node load every package out/main imports and start the
 * export and image workers from the packaged files: the file selection is what ships.
 *
 * Run after `npm run build`: npx tsx test/packaging/dry-run.ts  (about a minute; not part of npm test)
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('electron-builder'));
const asar: {
  listPackage: (archive: string, options: { isPack: boolean }) => string[];
  statFile: (archive: string, file: string, followLinks: boolean) => { unpacked?: boolean; size?: number };
  extractAll: (archive: string, dest: string) => void;
} = createRequire(builderRequire.resolve('app-builder-lib/package.json'))('@electron/asar');

const ELECTRON_VERSION: string = require('electron/package.json').version;

/** In the archive: the entry, both preloads, the workers, migrations and every resource folder. */
const MUST_BE_PACKED = [
  '/package.json',
  '/out/main/index.js',
  '/out/main/export-worker.js',
  '/out/main/image-worker.js',
  '/out/main/loadtest-worker.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
  '/electron/core/db/migrations/meta/_journal.json',
  '/resources/catalogs/alibaba-hypercare.json',
  '/resources/checklists/security-evaluation.json',
  '/resources/calendars/cn-2026.json',
  '/resources/capacity/formulas.json',
  '/resources/optimization/drill.json',
];
/** Unpacked beside it: what native code opens itself. */
const MUST_BE_UNPACKED = [
  '/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  '/node_modules/pdfmake/fonts/Roboto/Roboto-Regular.ttf',
  '/node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
];
/** Left out. */
const MUST_BE_ABSENT = [
  '/out/native',
  '/resources/screenshots',
  '/node_modules/react',
  '/node_modules/pdfjs-dist',
  '/test',
];

/** Loads every bare import of out/main under Node and asks both workers for work; prints one line each. */
const PROBE = `
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
const here = dirname(fileURLToPath(import.meta.url));
const files = [...readdirSync(here).filter((f) => f.endsWith('.js')), ...readdirSync(join(here, 'chunks')).map((f) => 'chunks/' + f)];
const names = new Set();
const importPattern = /^(?:import|export)\\b[^'"\\n]*['"]([^'"./][^'"\\n]*)['"]|import\\(['"]([^'"./][^'"\\n]*)['"]\\)/gm;
for (const f of files) for (const m of readFileSync(join(here, f), 'utf8').matchAll(importPattern)) {
  const name = m[1] ?? m[2];
  if (!name.startsWith('node:') && name !== 'electron') names.add(name);
}
const failed = [];
for (const name of names) { try { await import(name); } catch (e) { failed.push(name + ': ' + String(e).split('\\n')[0]); } }
console.log('PROBE imports ' + names.size + ' loaded ' + (names.size - failed.length) + (failed.length ? ' FAILED ' + failed.join('; ') : ''));
const ask = (file, message) => new Promise((done) => {
  const worker = new Worker(join(here, file));
  worker.on('message', (m) => { if (m.kind === 'progress') return; done(m); void worker.terminate(); });
  worker.on('error', (e) => done({ ok: false, kind: 'failed', message: String(e) }));
  worker.postMessage(message);
});
const warm = await ask('export-worker.js', { id: 1, warm: true });
console.log('PROBE export-worker ' + (warm.kind === 'done' ? 'ok' : 'FAILED ' + warm.message));
const sharp = (await import('sharp')).default;
const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();
const image = await ask('image-worker.js', { id: 1, task: 'ingest', input: new Uint8Array(png) });
console.log('PROBE image-worker ' + (image.ok ? 'ok' : 'FAILED ' + (image.reason ?? image.message)));
`;

function megabytes(path: string): string {
  const du = spawnSync('du', ['-sm', path], { encoding: 'utf8' });
  return `${du.stdout.split('\t')[0] ?? '?'} MB`;
}

function main(): boolean {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
    console.log('dry-run: no build output; run npm run build first');
    return false;
  }
  const work = mkdtempSync(join(tmpdir(), 'vigil-package-'));
  try {
    // The stand-in Electron: electron-builder copies the folder and renames the executable.
    const electronDist = join(work, 'electron');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho stand-in Electron\n');
    chmodSync(join(electronDist, 'electron'), 0o755);
    writeFileSync(join(electronDist, 'version'), ELECTRON_VERSION);
    const output = join(work, 'release');
    const configPath = join(work, 'electron-builder.dry.ts');
    writeFileSync(
      configPath,
      `import config from ${JSON.stringify(join(ROOT, 'electron-builder.ts'))};
export default { ...config, electronDist: ${JSON.stringify(electronDist)}, electronVersion: ${JSON.stringify(ELECTRON_VERSION)},
  electronFuses: null, npmRebuild: false, directories: { ...config.directories, output: ${JSON.stringify(output)} } };
`,
    );
    const pack = spawnSync('npx', ['electron-builder', '--linux', '--dir', '--config', configPath], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const archive = join(output, 'linux-unpacked', 'resources', 'app.asar');
    if (pack.status !== 0 || !existsSync(archive)) {
      console.log(`${pack.stdout}${pack.stderr}`);
      console.log('dry-run: electron-builder did not pack the app');
      return false;
    }
    const entries = new Set(asar.listPackage(archive, { isPack: false }));
    const problems: string[] = [];
    for (const path of MUST_BE_PACKED) {
      if (!entries.has(path)) problems.push(`missing from app.asar: ${path}`);
      else if (asar.statFile(archive, path.slice(1), false).unpacked)
        problems.push(`unpacked, expected in app.asar: ${path}`);
    }
    for (const path of MUST_BE_UNPACKED) {
      if (!entries.has(path) || !asar.statFile(archive, path.slice(1), false).unpacked)
        problems.push(`not unpacked: ${path}`);
    }
    for (const path of MUST_BE_ABSENT) if (entries.has(path)) problems.push(`shipped, expected left out: ${path}`);

    const app = join(work, 'app');
    asar.extractAll(archive, app);
    writeFileSync(join(app, 'out', 'main', 'probe.mjs'), PROBE);
    const probe = spawnSync(process.execPath, [join(app, 'out', 'main', 'probe.mjs')], { cwd: app, encoding: 'utf8' });
    const probeLines = probe.stdout.split('\n').filter((line) => line.startsWith('PROBE '));
    for (const line of probeLines) console.log(line.slice(6));
    if (probe.status !== 0 || probeLines.length !== 3 || probeLines.some((line) => line.includes('FAILED'))) {
      problems.push(
        `the packaged files do not load under Node: ${probe.stderr.trim().split('\n').slice(-3).join(' ')}`,
      );
    }

    const unpacked = `${archive}.unpacked`;
    console.log(
      `app.asar ${megabytes(archive)} (${entries.size} entries), app.asar.unpacked ${megabytes(unpacked)}; ${statSync(archive).size} bytes archived`,
    );
    for (const problem of problems) console.log(`  ${problem}`);
    return problems.length === 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ok = main();
console.log(`PACKAGING_DRY_RUN ${ok ? 'passed' : 'failed'}`);
process.exitCode = ok ? 0 : 1;
