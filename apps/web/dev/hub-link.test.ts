import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHubLink } from './hub-link.js';

describe('readHubLink', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-web-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads the hub's address and token", async () => {
    const file = join(dir, 'hub.json');
    await writeFile(file, JSON.stringify({ url: 'http://127.0.0.1:8765', token: 't', pid: 1 }));
    expect(await readHubLink(file)).toEqual({ url: 'http://127.0.0.1:8765', token: 't' });
  });

  it('is undefined while the file is missing, torn or of another shape', async () => {
    const file = join(dir, 'hub.json');
    expect(await readHubLink(file)).toBeUndefined();
    await writeFile(file, '{"url": "http://127.0.0.1:8765", "tok');
    expect(await readHubLink(file)).toBeUndefined();
    await writeFile(file, JSON.stringify({ url: 1, token: 't' }));
    expect(await readHubLink(file)).toBeUndefined();
  });
});
