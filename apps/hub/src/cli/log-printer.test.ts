import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@sidecast/protocol';
import { formatBytes, LogPrinter } from './log-printer.js';

class Capture {
  text = '';
  write(chunk: string): void {
    this.text += chunk;
  }
}

type Fields<E> = E extends unknown ? Omit<E, 'seq' | 'ts'> : never;

const at = (seq: number, event: Fields<StoredEvent>): StoredEvent => ({ seq, ts: seq, ...event });

describe('LogPrinter', () => {
  describe('#print', () => {
    it('prints log lines on stdout, marks stderr and levels, and the rest on stderr', () => {
      const [out, err] = [new Capture(), new Capture()];
      const printer = new LogPrinter(out, err, false);
      printer.print([
        at(1, { kind: 'status', state: 'running' }),
        at(2, { kind: 'log', stream: 'stdout', level: 'info', text: 'hello' }),
        at(3, { kind: 'log', stream: 'stderr', level: 'warning', text: 'careful' }),
        at(4, { kind: 'log', stream: 'log', level: 'error', text: 'bad' }),
        at(5, { kind: 'progress', current: 1, total: 2 }),
        at(6, { kind: 'artifact', path: 'out/a.txt', size: 1536 }),
        at(7, { kind: 'input', data: 'hi' }),
        at(8, { kind: 'data', name: 'token', data: { t: 'x' } }),
        at(9, { kind: 'result', value: { ok: true } }),
      ]);
      expect(out.text).toBe(
        'hello\n[stderr] careful\n[error] bad\n> hi\n[data token] {"t":"x"}\n[result] {"ok":true}\n',
      );
      expect(err.text).toBe('[running]\n[artifact] out/a.txt (1.5 KiB)\n');
      expect(printer.outcome).toBeUndefined();
      printer.print([
        at(10, { kind: 'error', message: 'boom', traceback: 'Traceback …\n' }),
        at(11, { kind: 'status', state: 'failed', reason: 'boom' }),
      ]);
      expect(err.text).toContain('[error] boom\nTraceback …\n[failed] boom\n');
      expect(printer.outcome).toBe('failed');
    });

    it('draws progress on one line of a terminal, under the log, and clears it at the end', () => {
      const [out, err] = [new Capture(), new Capture()];
      const printer = new LogPrinter(out, err, true);
      printer.print([
        at(1, { kind: 'log', stream: 'log', level: 'info', text: 'a' }),
        at(2, { kind: 'progress', current: 50, total: 100, message: 'half' }),
      ]);
      printer.print([at(3, { kind: 'log', stream: 'log', level: 'info', text: 'b' })]);
      printer.finish();
      const bar = '[############------------] 50% 50/100 half';
      expect(out.text).toBe(`a\n\r\x1b[2K${bar}\r\x1b[2Kb\n\r\x1b[2K${bar}\r\x1b[2K`);
    });
  });

  describe('formatBytes', () => {
    it('uses binary units', () => {
      expect([0, 1023, 1024, 5 * 1024 * 1024].map(formatBytes)).toEqual([
        '0 B',
        '1023 B',
        '1.0 KiB',
        '5.0 MiB',
      ]);
    });
  });
});
