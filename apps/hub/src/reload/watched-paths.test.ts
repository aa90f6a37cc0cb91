import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFileTarget, watchedPaths } from './watched-paths.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'sidecast-watch-'));
  await mkdir(join(cwd, 'my_pkg', 'sub'), { recursive: true });
  await writeFile(join(cwd, 'my_pkg', '__init__.py'), '');
  await writeFile(join(cwd, 'flat.py'), '');
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('watchedPaths', () => {
  it("watches a file's folder, one level, even before the file exists", () => {
    expect(watchedPaths(['jobs/my_jobs.py', 'jobs/other.py'], cwd)).toEqual({
      folders: [{ path: join(cwd, 'jobs'), depth: 0 }],
      unwatched: [],
    });
  });

  it('watches the package a module name starts with, all of it, or a one-file module', () => {
    expect(watchedPaths(['my_pkg.sub.jobs', 'flat'], cwd)).toEqual({
      folders: [
        { path: join(cwd, 'my_pkg'), depth: undefined },
        { path: cwd, depth: 0 },
      ],
      unwatched: [],
    });
  });

  it('names a module it cannot find under the working directory', () => {
    expect(watchedPaths(['site_packages_only.jobs'], cwd)).toEqual({
      folders: [],
      unwatched: ['site_packages_only.jobs'],
    });
  });
});

describe('isFileTarget', () => {
  it('decides as the sidecar does', () => {
    expect(['a.py', './a', 'dir/a', 'c:\\a'].map(isFileTarget)).toEqual([true, true, true, true]);
    expect(isFileTarget('my_pkg.jobs')).toBe(false);
  });
});
