import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userCacheDir } from './cache-dir.js';

describe('userCacheDir', () => {
  it('follows XDG_CACHE_HOME on Linux, or ~/.cache without it', () => {
    expect(userCacheDir('linux', { XDG_CACHE_HOME: '/x/cache' }, '/home/ada')).toBe('/x/cache');
    expect(userCacheDir('linux', { XDG_CACHE_HOME: '' }, '/home/ada')).toBe(
      join('/home/ada', '.cache'),
    );
  });

  it('uses ~/Library/Caches on macOS', () => {
    expect(userCacheDir('darwin', { XDG_CACHE_HOME: '/x' }, '/Users/ada')).toBe(
      join('/Users/ada', 'Library', 'Caches'),
    );
  });

  it('uses LOCALAPPDATA on Windows, or its usual place without it', () => {
    expect(userCacheDir('win32', { LOCALAPPDATA: 'C:\\Local' }, 'C:\\Users\\ada')).toBe(
      'C:\\Local',
    );
    expect(userCacheDir('win32', {}, '/u/ada')).toBe(join('/u/ada', 'AppData', 'Local'));
  });
});
