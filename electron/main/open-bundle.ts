/**
 * `.vigil` files opened from the desktop (the installers associate the extension with Vigil):
 * Windows and Linux pass the path on the command line, of the first launch or of a second one
 * that hands over to the running app; macOS sends `open-file`, possibly before the app is ready.
 * Paths wait here until the window can take them.
 */
import { extname } from 'node:path';

export const BUNDLE_EXTENSION = '.vigil';

/** The bundle paths on a command line; switches (`--flag`) and the executable itself are not. */
export function bundlePathsIn(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && extname(arg).toLowerCase() === BUNDLE_EXTENSION);
}

/** Holds opened paths until `deliver` has somewhere to send them, then sends each once. */
export function bundleOpenQueue(deliver: (path: string) => void) {
  const waiting: string[] = [];
  let ready = false;
  return {
    add(paths: readonly string[]) {
      if (ready) for (const path of paths) deliver(path);
      else waiting.push(...paths);
    },
    ready() {
      ready = true;
      for (const path of waiting.splice(0)) deliver(path);
    },
  };
}
