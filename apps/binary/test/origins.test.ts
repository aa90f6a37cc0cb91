/**
 * The two ways a desktop shell shows the app, against the executable: its webview opens the
 * hub's own token URL (same origin), or it bundles its own frontend (a Tauri origin) that
 * talks to the hub with `@sidecast/client`. A page from `file://` sends `Origin: null`, which
 * the hub refuses.
 */
import { once } from 'node:events';
import type { SidecastClient } from '@sidecast/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { followJob } from '@sidecast/test-support';
import {
  loneFolder,
  startExecutable,
  type LoneFolder,
  type StartedExecutable,
} from './lone-executable.js';
import { webviewClient } from './webview-client.js';

describe('showing the app from a desktop shell', () => {
  let lone: LoneFolder;
  let hub: StartedExecutable;
  let origin: string;
  let client: SidecastClient | undefined;

  beforeAll(async () => {
    lone = await loneFolder();
    hub = await startExecutable(lone);
    origin = new URL(hub.ready.url).origin;
  });

  afterEach(() => {
    client?.close();
    client = undefined;
  });

  afterAll(async () => {
    hub.child.kill('SIGTERM');
    await once(hub.child, 'exit');
    await lone.remove();
  });

  describe("the hub's own token URL", () => {
    it('serves the app at the ready line url, and its page may use the hub', async () => {
      const page = await fetch(hub.ready.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app"');
      client = webviewClient(origin, hub.ready.token, origin);
      const events = await followJob(client, 'demo.stream', { lines: 3, rate: 0 });
      expect(events.at(-1)).toMatchObject({ kind: 'status', state: 'completed' });
    });
  });

  describe("the shell's own frontend", () => {
    for (const pageOrigin of ['tauri://localhost', 'http://tauri.localhost']) {
      it(`talks to the hub from ${pageOrigin} with @sidecast/client`, async () => {
        client = webviewClient(origin, hub.ready.token, pageOrigin);
        const types = await client.jobTypes();
        expect(types.map((type) => type.name)).toContain('demo.chat');
        const events = await followJob(client, 'demo.chat', { delay: 0 }, ['hi', { end: true }]);
        expect(events.find((event) => event.kind === 'result')).toMatchObject({
          value: { turns: 1 },
        });
      });
    }

    it('answers a Tauri page with the CORS headers its fetch needs', async () => {
      const response = await fetch(`${origin}/api/jobs`, {
        headers: { authorization: `Bearer ${hub.ready.token}`, origin: 'tauri://localhost' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('tauri://localhost');
    });
  });

  describe('a page loaded from file:// (Origin: null)', () => {
    it('is refused over REST with 403 forbidden', async () => {
      const response = await fetch(`${origin}/api/jobs`, {
        headers: { authorization: `Bearer ${hub.ready.token}`, origin: 'null' },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
    });

    it('is refused on the WebSocket with 403', async () => {
      const socket = new WebSocket(
        `ws://127.0.0.1:${String(hub.ready.port)}/ws?token=${hub.ready.token}`,
        {
          origin: 'null',
        },
      );
      const [, response] = (await once(socket, 'unexpected-response')) as [
        unknown,
        { statusCode: number },
      ];
      expect(response.statusCode).toBe(403);
      // Refused before it opened: ending it now reports "closed before established", as it is.
      socket.on('error', () => undefined);
      socket.terminate();
    });
  });
});
