import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Keepalive } from './keepalive.js';

/** A socket whose pings are written out only when the test says so. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly unwritten: (() => void)[] = [];

  ping(_data?: unknown, _mask?: boolean, written?: (error?: Error) => void): void {
    this.unwritten.push(() => written?.());
  }

  writeOut(): void {
    for (const write of this.unwritten.splice(0)) write();
  }
}

const TIMINGS = { pingIntervalMs: 1_000, pongTimeoutMs: 300 };

describe('Keepalive', () => {
  let socket: FakeSocket;
  let silent: number;
  let keepalive: Keepalive;

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    silent = 0;
    keepalive = new Keepalive(socket as never, TIMINGS, () => (silent += 1));
  });

  afterEach(() => {
    keepalive.stop();
    vi.useRealTimers();
  });

  describe('#ping', () => {
    it('cuts off a peer that does not answer within the timeout of the ping being written', () => {
      vi.advanceTimersByTime(1_000);
      socket.writeOut();
      vi.advanceTimersByTime(299);
      expect(silent).toBe(0);
      vi.advanceTimersByTime(1);
      expect(silent).toBe(1);
    });

    it('waits for a ping queued behind data, then for its answer', () => {
      vi.advanceTimersByTime(1_000);
      vi.advanceTimersByTime(1_200);
      expect(silent).toBe(0);
      socket.writeOut();
      vi.advanceTimersByTime(200);
      socket.emit('pong');
      // Up to the next ping's own deadline, an interval and a timeout after it.
      vi.advanceTimersByTime(600 + 1_299);
      expect(silent).toBe(0);
    });

    it('cuts off a peer that has not taken the ping within an interval and a timeout', () => {
      vi.advanceTimersByTime(1_000 + 1_300);
      expect(silent).toBe(1);
    });
  });
});
