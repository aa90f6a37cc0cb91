import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_KEY, PayloadError, PYZ_KEY, unpackPayload, type AssetReader } from './payload.js';

function assets(files: Record<string, string>, hash = 'abc123'): AssetReader & { reads: string[] } {
  const all: Record<string, string> = {
    ...files,
    [MANIFEST_KEY]: JSON.stringify({ hash, keys: Object.keys(files) }),
  };
  const reads: string[] = [];
  const read = (key: string): ArrayBuffer => {
    const text = all[key];
    if (text === undefined) throw new Error(`no asset ${key}`);
    reads.push(key);
    return new TextEncoder().encode(text).buffer;
  };
  return Object.assign(read, { reads });
}

const FILES = { 'web/index.html': '<!doctype html>', 'web/assets/app.js': 'go()', [PYZ_KEY]: 'PK' };

describe('unpackPayload', () => {
  let cacheRoot: string;

  beforeEach(async () => {
    cacheRoot = join(await mkdtemp(join(tmpdir(), 'sidecast-payload-')), 'cache');
  });

  afterEach(async () => {
    await rm(join(cacheRoot, '..'), { recursive: true, force: true });
  });

  it('unpacks every asset under the build hash and says where the app and the sidecar are', async () => {
    const unpacked = await unpackPayload(assets(FILES), cacheRoot);
    expect(unpacked).toEqual({
      folder: join(cacheRoot, 'abc123'),
      webRoot: join(cacheRoot, 'abc123', 'web'),
      sidecarPath: join(cacheRoot, 'abc123', PYZ_KEY),
    });
    expect(await readFile(join(unpacked.webRoot, 'assets', 'app.js'), 'utf8')).toBe('go()');
    expect(await readFile(unpacked.sidecarPath, 'utf8')).toBe('PK');
    expect(await readdir(cacheRoot)).toEqual(['abc123']);
  });

  it('reuses a complete copy without reading the assets again', async () => {
    await unpackPayload(assets(FILES), cacheRoot);
    const again = assets(FILES);
    await unpackPayload(again, cacheRoot);
    expect(again.reads).toEqual([MANIFEST_KEY]);
  });

  it('redoes a copy a crash left partial', async () => {
    const partial = join(cacheRoot, 'abc123', 'web');
    await mkdir(partial, { recursive: true });
    await writeFile(join(partial, 'index.html'), '<!doc');
    const unpacked = await unpackPayload(assets(FILES), cacheRoot);
    expect(await readFile(join(unpacked.webRoot, 'index.html'), 'utf8')).toBe('<!doctype html>');
    expect(existsSync(unpacked.sidecarPath)).toBe(true);
  });

  it('ends two unpacks at once with one complete copy and no staging left', async () => {
    const [first, second] = await Promise.all([
      unpackPayload(assets(FILES), cacheRoot),
      unpackPayload(assets(FILES), cacheRoot),
    ]);
    expect(first).toEqual(second);
    expect(await readFile(first.sidecarPath, 'utf8')).toBe('PK');
    expect(await readdir(cacheRoot)).toEqual(['abc123']);
  });

  it('unpacks a different build beside the first', async () => {
    await unpackPayload(assets(FILES, 'one'), cacheRoot);
    await unpackPayload(assets(FILES, 'two'), cacheRoot);
    expect((await readdir(cacheRoot)).sort()).toEqual(['one', 'two']);
  });

  it('reports a cache it cannot write to as payload_unpack_failed', async () => {
    await mkdir(join(cacheRoot, '..'), { recursive: true });
    await writeFile(cacheRoot, 'a file where the folder should be');
    const failure = unpackPayload(assets(FILES), cacheRoot);
    await expect(failure).rejects.toBeInstanceOf(PayloadError);
    await expect(failure).rejects.toMatchObject({ code: 'payload_unpack_failed' });
  });
});
