/**
 * `npm start` runs this before Electron: it compiles better-sqlite3 for the installed Electron
 * version once, into out/native/, and leaves node_modules (built for Node) untouched.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rebuild } from '@electron/rebuild';
import { electronBindingPath } from './binding';

const root = resolve(import.meta.dirname, '../..');
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const electronVersion = versionOf('electron');
const target = electronBindingPath(root, electronVersion);
if (existsSync(target)) process.exit(0);

const workspace = join(root, 'out', 'native', 'build');
const moduleCopy = join(workspace, 'node_modules', 'better-sqlite3');
rmSync(workspace, { recursive: true, force: true });
mkdirSync(join(workspace, 'node_modules'), { recursive: true });
cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleCopy, {
  recursive: true,
  filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`),
});
writeFileSync(
  join(workspace, 'package.json'),
  JSON.stringify({
    name: 'vigil-native',
    private: true,
    dependencies: { 'better-sqlite3': versionOf('better-sqlite3') },
  }),
);

// A nodedir set for Node builds (as on our CI machines) would compile against Node's headers and
// give a module Electron refuses; Electron's own headers are what this build needs.
delete process.env.npm_config_nodedir;
delete process.env.NPM_CONFIG_NODEDIR;

console.log(`Compiling better-sqlite3 for Electron ${electronVersion} (once; takes a minute)…`);
try {
  await rebuild({ buildPath: workspace, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  mkdirSync(join(target, '..'), { recursive: true });
  cpSync(join(moduleCopy, 'build', 'Release', 'better_sqlite3.node'), target);
  rmSync(workspace, { recursive: true, force: true });
  console.log(`Ready: ${target}`);
} catch (error) {
  rmSync(workspace, { recursive: true, force: true });
  console.error(`Could not compile better-sqlite3 for Electron ${electronVersion}: ${String(error)}`);
  console.error('Electron downloads its headers for this once; check the network connection and run npm start again.');
  process.exit(1);
}
