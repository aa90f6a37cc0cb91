import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  check,
  decodeJson,
  guard,
  isClientMessage,
  isServerMessage,
  isSidecarInbound,
  isSidecarOutbound,
  parseClientMessage,
  parseJson,
  parseServerMessage,
  parseSidecarInbound,
  parseSidecarOutbound,
  parseStoredEvent,
  toIssues,
} from './parse.js';
import { StoredEvent } from './events.js';
import { SidecarInbound, SidecarOutbound } from './sidecar-link.js';
import { ClientMessage, ServerMessage } from './socket.js';

describe('parse', () => {
  describe('the wire unions', () => {
    it('compile, so frames are not checked by the slower interpreter', () => {
      // z.compile falls back without a word; strict makes a schema it cannot compile (one
      // that refers to itself, say) fail here instead of quietly costing speed.
      for (const schema of [
        ClientMessage,
        ServerMessage,
        SidecarInbound,
        SidecarOutbound,
        StoredEvent,
      ])
        expect(() => z.compile(schema, { strict: true })).not.toThrow();
    });
  });

  describe('#parseJson', () => {
    it('returns the validated value', () => {
      expect(parseJson(z.object({ a: z.int() }), '{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    });

    it('reports text that is not JSON as bad_request, without throwing', () => {
      const result = parseJson(z.unknown(), '{"a":');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('bad_request');
      expect(result.error.message).toMatch(/^not valid JSON: /);
      expect(result.error.issues).toEqual([]);
    });

    it('locates each problem by path and says what it is', () => {
      const result = parseJson(z.object({ a: z.object({ b: z.int() }) }), '{"a":{"b":"x"}}');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues).toEqual([
        { path: ['a', 'b'], message: expect.stringContaining('expected number') as string },
      ]);
      expect(result.error.message).toMatch(/^a\.b: /);
    });

    it('names the first three problems and counts the rest', () => {
      const schema = z.object({ a: z.int(), b: z.int(), c: z.int(), d: z.int(), e: z.int() });
      const result = parseJson(schema, '{}');
      expect(result.ok ? '' : result.error.message).toMatch(/; c: .* \(and 2 more\)$/);
    });
  });

  describe('#decodeJson', () => {
    it.each([
      ['a top-level key', '{"type":"ping","id":1,"__proto__":{"x":1}}'],
      ['a nested key', '{"params":{"a":[{"__proto__":null}]}}'],
      ['an escaped key', '{"\\u005f_proto__":1}'],
    ])('refuses __proto__ as %s, instead of dropping it', (_, raw) => {
      const result = decodeJson(raw);
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(result.ok ? '' : result.error.message).toContain('"__proto__"');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });

    it('keeps the id of a command refused for a __proto__ key, so it can be answered', () => {
      const result = parseClientMessage('{"type":"ping","id":"c-1","__proto__":{"x":1}}');
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_request', id: 'c-1' } });
    });

    it('accepts __proto__ as a value, and other keys named like prototype members', () => {
      expect(decodeJson('{"constructor":"__proto__","toString":"\\u00e9"}')).toEqual({
        ok: true,
        value: { constructor: '__proto__', toString: 'é' },
      });
    });
  });

  describe('#parseClientMessage', () => {
    it('parses a command', () => {
      expect(parseClientMessage('{"type":"ping","id":7}')).toEqual({
        ok: true,
        value: { type: 'ping', id: 7 },
      });
    });

    it('keeps the id of a bad command so the hub can nack it', () => {
      const result = parseClientMessage('{"type":"subscribe","id":"c1","channel":"nope"}');
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_request', id: 'c1' } });
    });

    it('leaves the id out when the frame has no usable one', () => {
      const result = parseClientMessage('{"type":"subscribe","id":-4,"channel":"nope"}');
      expect(result.ok ? undefined : result.error).not.toHaveProperty('id');
    });

    it('drops unknown fields, so newer clients can talk to older hubs', () => {
      expect(parseClientMessage('{"type":"ping","id":1,"trace":"x"}')).toEqual({
        ok: true,
        value: { type: 'ping', id: 1 },
      });
    });
  });

  describe('#parseServerMessage', () => {
    it('parses a hub frame', () => {
      const frame = { type: 'synced', channel: 'jobs', head: 3 };
      expect(parseServerMessage(JSON.stringify(frame))).toEqual({ ok: true, value: frame });
    });
  });

  describe('#parseSidecarInbound', () => {
    it('parses a hub → sidecar line', () => {
      expect(parseSidecarInbound('{"type":"shutdown"}')).toEqual({
        ok: true,
        value: { type: 'shutdown' },
      });
    });
  });

  describe('#parseSidecarOutbound', () => {
    it('parses a sidecar → hub line', () => {
      expect(parseSidecarOutbound('{"type":"pong","n":3}')).toEqual({
        ok: true,
        value: { type: 'pong', n: 3 },
      });
    });

    it('refuses a line that is valid JSON but no message', () => {
      expect(parseSidecarOutbound('"hello"')).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    });
  });

  describe('#parseStoredEvent', () => {
    it('takes a numbered event and refuses an event without its seq', () => {
      const line = '{"seq":3,"ts":1,"kind":"status","state":"running"}';
      expect(parseStoredEvent(line)).toEqual({ ok: true, value: JSON.parse(line) as unknown });
      const unnumbered = parseStoredEvent('{"ts":1,"kind":"status","state":"running"}');
      expect(unnumbered.ok).toBe(false);
    });
  });

  describe('#check', () => {
    it('validates a value that is already decoded', () => {
      expect(check(z.string(), 'x')).toEqual({ ok: true, value: 'x' });
      expect(check(z.string(), 1).ok).toBe(false);
    });
  });

  describe('#toIssues', () => {
    it('turns symbol keys into strings, which JSON can carry', () => {
      const key = Symbol('k');
      const error = new z.ZodError([
        { code: 'custom', message: 'm', path: ['a', 0, key], input: undefined },
      ]);
      expect(toIssues(error)).toEqual([{ path: ['a', 0, 'Symbol(k)'], message: 'm' }]);
    });
  });

  describe('#guard', () => {
    it('accepts exactly what the schema accepts', () => {
      const isPositive = guard(z.number().positive());
      expect([1, 0, 'x'].map(isPositive)).toEqual([true, false, false]);
    });

    it('backs a guard for each direction of each wire', () => {
      expect(isClientMessage({ type: 'ping', id: 1 })).toBe(true);
      expect(isServerMessage({ type: 'ping', id: 1 })).toBe(false);
      expect(isSidecarInbound({ type: 'ping', n: 1 })).toBe(true);
      expect(isSidecarOutbound({ type: 'ping', n: 1 })).toBe(false);
    });
  });
});
