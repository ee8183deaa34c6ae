import { sep } from 'node:path';

/**
 * The real path of a file electron-builder unpacked from the app archive (asarUnpack). Electron's
 * fs finds such files from their app.asar path by itself; native code that opens a path on its own
 * (resvg reading the chart fonts) needs the app.asar.unpacked folder beside it. Paths outside an
 * archive, as under `npm start` and in tests, come back unchanged.
 */
export function unpackedPath(path: string, separator: string = sep): string {
  const archive = `${separator}app.asar${separator}`;
  const at = path.indexOf(archive);
  if (at < 0) return path;
  return `${path.slice(0, at)}${separator}app.asar.unpacked${separator}${path.slice(at + archive.length)}`;
}
