import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from './listen.js';

const servers: Server[] = [];

function server(): Server {
  const created = createServer();
  servers.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('listen', () => {
  it('picks a free port for 0', async () => {
    expect(await listen(server(), '127.0.0.1', 0, false)).toBeGreaterThan(0);
  });

  it('moves on to the next port when the first is busy and fallback is on', async () => {
    const busy = await listen(server(), '127.0.0.1', 0, false);
    const port = await listen(server(), '127.0.0.1', busy, true);
    expect(port).toBeGreaterThan(busy);
    expect(port).toBeLessThanOrEqual(busy + 10);
  });

  it('fails with a clear message when the port is busy and fallback is off', async () => {
    const busy = await listen(server(), '127.0.0.1', 0, false);
    await expect(listen(server(), '127.0.0.1', busy, false)).rejects.toThrow(
      `port ${String(busy)} is in use on 127.0.0.1; pass --port 0 for any free port`,
    );
  });
});
