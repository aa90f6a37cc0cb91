import type { ArtifactInfo } from '@sidecast/protocol';
import { describe, expect, it } from 'vitest';
import { mergeArtifacts } from './artifact-listing.js';

const listed = (path: string, size = 1): ArtifactInfo => ({
  path,
  size,
  contentType: 'text/plain',
  modifiedAt: 0,
});

describe('mergeArtifacts', () => {
  it('keeps the announced ones in their order, then adds the unannounced ones by path', () => {
    const announced = [
      { path: 'z.txt', size: 5, contentType: 'text/plain' },
      { path: 'a.txt', size: 3, contentType: undefined },
    ];
    const merged = mergeArtifacts(announced, [
      listed('a.txt', 99),
      listed('notes/raw.log'),
      listed('m.csv'),
      listed('z.txt'),
    ]);
    expect(merged.map(({ path }) => path)).toEqual(['z.txt', 'a.txt', 'm.csv', 'notes/raw.log']);
    expect(merged[1]).toEqual(announced[1]);
  });

  it('lists what the hub lists when nothing was announced', () => {
    expect(mergeArtifacts([], [listed('b'), listed('a')]).map(({ path }) => path)).toEqual([
      'a',
      'b',
    ]);
  });
});
