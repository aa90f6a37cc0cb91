import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../persistence/browser-storage.js';
import { rememberedParams, rememberParams } from './remembered.js';

function memory(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('rememberParams', () => {
  it('keeps the last params per job type', () => {
    const store = memory();
    rememberParams('demo.stream', { lines: 5 }, store);
    rememberParams('demo.stream', { lines: 7, rate: 0 }, store);
    rememberParams('files.checksum', { root: '/tmp' }, store);
    expect(rememberedParams('demo.stream', store)).toEqual({ lines: 7, rate: 0 });
    expect(rememberedParams('files.checksum', store)).toEqual({ root: '/tmp' });
    expect(rememberedParams('demo.chat', store)).toBeUndefined();
  });

  it('ignores what is not a params object', () => {
    const store = memory();
    store.items.set('sidecast.params:a.b', '[1]');
    store.items.set('sidecast.params:c.d', '{not json');
    expect(rememberedParams('a.b', store)).toBeUndefined();
    expect(rememberedParams('c.d', store)).toBeUndefined();
  });
});
