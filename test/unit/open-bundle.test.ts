import { describe, expect, it } from 'vitest';
import { bundleOpenQueue, bundlePathsIn } from '../../electron/main/open-bundle';

describe('bundles opened from the desktop', () => {
  it('finds .vigil paths on a command line, not the executable, switches or other files', () => {
    expect(
      bundlePathsIn([
        'C:\\Program Files\\Vigil\\Vigil.exe',
        '--allow-file-access',
        'C:\\Users\\li\\Desktop\\Double 11.vigil',
        'notes.txt',
        '/home/li/Handover.VIGIL',
      ]),
    ).toEqual(['C:\\Users\\li\\Desktop\\Double 11.vigil', '/home/li/Handover.VIGIL']);
    // `electron .` in development: the app folder is not a bundle.
    expect(bundlePathsIn(['/usr/bin/electron', '.'])).toEqual([]);
  });

  it('hold paths opened before the window can take them, then deliver each once, in order', () => {
    const delivered: string[] = [];
    const queue = bundleOpenQueue((path) => delivered.push(path));
    queue.add(['/a.vigil']);
    queue.add(['/b.vigil']);
    expect(delivered).toEqual([]);

    queue.ready();
    queue.add(['/c.vigil']);

    expect(delivered).toEqual(['/a.vigil', '/b.vigil', '/c.vigil']);
  });
});
