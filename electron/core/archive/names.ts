/**
 * The one set of rules for entry names inside a `.vigil` bundle. The writer refuses to write a
 * name the reader would refuse, so an exported bundle always imports on every platform.
 */

export type NameProblem = {
  reason: 'absolutePath' | 'traversal' | 'backslash' | 'badName';
  /** English, fits after `entry "<name>" `. */
  why: string;
};

// Characters Windows refuses in file names (a colon would even open an NTFS alternate data stream).
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
// Control characters, NUL included: they hide parts of a name from the person reading it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Device names Windows opens as devices whatever the extension (`CON.txt` is the console).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_SEGMENT_BYTES = 255;
const MAX_NAME_LENGTH = 1024;

/** Why a file name may not be used in a bundle, or null when it may. Directory names: without the trailing slash. */
export function nameProblem(name: string): NameProblem | null {
  if (name.length === 0) return { reason: 'badName', why: 'has an empty name' };
  if (CONTROL.test(name)) return { reason: 'badName', why: 'has a control character in its name' };
  if (/^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) return { reason: 'absolutePath', why: 'is an absolute path' };
  // Split on both separators: `..\..\x` climbs out on Windows even though zip names use `/`.
  if (name.split(/[/\\]/).includes('..')) return { reason: 'traversal', why: "leaves the bundle's folder" };
  if (name.includes('\\')) return { reason: 'backslash', why: 'uses a backslash, which Vigil bundles never contain' };
  if (name.length > MAX_NAME_LENGTH) return { reason: 'badName', why: 'has a name too long for every platform' };
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') return { reason: 'badName', why: 'has an empty or "." part in its path' };
    if (WINDOWS_FORBIDDEN.test(segment)) return { reason: 'badName', why: 'has a character Windows cannot store' };
    if (/[. ]$/.test(segment)) return { reason: 'badName', why: 'has a part ending in a dot or space' };
    if (WINDOWS_DEVICE.test(segment)) return { reason: 'badName', why: 'is named like a Windows device' };
    if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) {
      return { reason: 'badName', why: 'has a part too long for every platform' };
    }
  }
  return null;
}

/**
 * The form two names share when they would land on one file on Windows or macOS (their file
 * systems ignore case, and macOS ignores Unicode normalisation). Upper then lower case folds
 * `ß`/`SS` and most other pairs that `toLowerCase` alone would miss.
 */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase();
}

/** Every folder a file name needs, e.g. `a/b/c.txt` → `a`, `a/b`. */
export function parentFolders(name: string): string[] {
  const segments = name.split('/');
  return segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** `colliding`: one file on a case-insensitive system; `folder`: a file where `name` needs a folder. */
export type NameClash = { kind: 'duplicate' | 'colliding' | 'folder'; name: string; other: string };

/**
 * Tracks names as they come and tells when one clashes with an earlier one: the same name twice,
 * two names one file system would merge, or a file where another name needs a folder.
 */
export function nameClashTracker(): (name: string) => NameClash | null {
  const exact = new Set<string>();
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  return (name) => {
    if (exact.has(name)) return { kind: 'duplicate', name, other: name };
    exact.add(name);
    const key = collisionKey(name);
    const clash = files.get(key) ?? folders.get(key);
    if (clash !== undefined) return { kind: 'colliding', name, other: clash };
    for (const folder of parentFolders(name)) {
      const folderKey = collisionKey(folder);
      const file = files.get(folderKey);
      if (file !== undefined) return { kind: 'folder', name, other: file };
      if (!folders.has(folderKey)) folders.set(folderKey, name);
    }
    files.set(key, name);
    return null;
  };
}
