import { describe, expect, it } from 'vitest';
import { textOf } from './decode.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('textOf', () => {
  it('decodes UTF-8', () => {
    expect(textOf(bytes('héllo\n'), true)).toBe('héllo\n');
  });

  it('drops a character cut at the end of a first part', () => {
    const cut = bytes('ab€').slice(0, 4);
    expect(textOf(cut, false)).toBe('ab');
  });

  it('calls bytes with NULs or many invalid sequences binary', () => {
    expect(textOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), true)).toBeUndefined();
    expect(textOf(new Uint8Array(200).fill(0xff), true)).toBeUndefined();
  });
});
