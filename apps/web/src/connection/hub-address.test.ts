import { describe, expect, it } from 'vitest';
import { forgetToken, takeHubAddress, type PageContext } from './hub-address.js';

function page(href: string, buildHubUrl?: string): PageContext & { stored: Map<string, string> } {
  const stored = new Map<string, string>();
  const location = { href };
  return {
    stored,
    location,
    history: {
      replaceState: (_data, _unused, url) => {
        location.href = String(url);
      },
    },
    storage: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => stored.set(key, value),
      removeItem: (key) => stored.delete(key),
    },
    buildHubUrl,
  };
}

describe('takeHubAddress', () => {
  it('moves the fragment token to storage and out of the address bar', () => {
    const context = page('http://127.0.0.1:8765/#token=abc%2Bdef');
    expect(takeHubAddress(context)).toEqual({ url: 'http://127.0.0.1:8765', token: 'abc+def' });
    expect(context.location.href).toBe('http://127.0.0.1:8765/#/');
    expect([...context.stored.values()]).toEqual(['abc+def']);
  });

  it('finds the token again after a reload, when the fragment is a route', () => {
    const context = page('http://127.0.0.1:8765/#token=abc');
    takeHubAddress(context);
    context.location.href = 'http://127.0.0.1:8765/#/jobs/j1';
    expect(takeHubAddress(context).token).toBe('abc');
    expect(context.location.href).toBe('http://127.0.0.1:8765/#/jobs/j1');
  });

  it('keeps tokens per hub, so two hubs in one session do not mix', () => {
    const context = page('http://127.0.0.1:8765/#token=one');
    takeHubAddress(context);
    context.location.href = 'http://127.0.0.1:9000/';
    expect(takeHubAddress(context)).toEqual({ url: 'http://127.0.0.1:9000', token: undefined });
  });

  it('takes the hub from ?hub= over the build-time address and the page origin', () => {
    const named = page('http://localhost:5173/?hub=http://127.0.0.1:9999/x#token=t', 'http://b:1');
    expect(takeHubAddress(named)).toEqual({ url: 'http://127.0.0.1:9999', token: 't' });
    expect(named.location.href).toBe('http://localhost:5173/?hub=http://127.0.0.1:9999/x#/');
    expect(takeHubAddress(page('tauri://localhost/index.html', 'http://127.0.0.1:1')).url).toBe(
      'http://127.0.0.1:1',
    );
  });

  it('has no hub for a page with no http origin and nothing naming one', () => {
    expect(takeHubAddress(page('file:///app/index.html#token=t'))).toEqual({
      url: undefined,
      token: 't',
    });
  });

  it('forgets the token of a hub that refused it, and only that one', () => {
    const context = page('http://127.0.0.1:8765/#token=one');
    takeHubAddress(context);
    context.stored.set('sidecast.token:http://127.0.0.1:9000', 'two');
    forgetToken(context, 'http://127.0.0.1:8765');
    context.location.href = 'http://127.0.0.1:8765/#/jobs/j1';
    expect(takeHubAddress(context).token).toBeUndefined();
    expect([...context.stored.values()]).toEqual(['two']);
  });
});
