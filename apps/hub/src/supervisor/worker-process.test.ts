import { describe, expect, it } from 'vitest';
import { WorkerProcess } from './worker-process.js';

const LINE = 'x'.repeat(99);
const LINES = 40_000;
/** Node reads a pipe at most this much at a time. */
const READ_CHUNK = 64 * 1024;

/** Runs a real process that writes `LINES` lines in one go; counts the lines of each turn. */
async function linesPerTurn(bytesPerTurn: number): Promise<{ turns: number[]; lines: string[] }> {
  const turns: number[] = [];
  const lines: string[] = [];
  let thisTurn = 0;
  const endTurn = (): void => {
    turns.push(thisTurn);
    thisTurn = 0;
  };
  await new Promise<void>((resolve, reject) => {
    new WorkerProcess(
      {
        command: 'python3',
        args: [
          '-c',
          `import sys; sys.stdout.buffer.write(b"${LINE}\\n" * ${String(LINES)}); sys.stdout.flush()`,
        ],
        env: process.env,
      },
      1024,
      10,
      {
        line: (text) => {
          if (thisTurn === 0) setImmediate(endTurn);
          thisTurn += 1;
          lines.push(text);
        },
        oversized: () => {
          reject(new Error('no line is oversized'));
        },
        spawnError: reject,
        exit: () => {
          resolve();
        },
      },
      bytesPerTurn,
    );
  });
  return { turns, lines };
}

describe('WorkerProcess', () => {
  describe('stdout', () => {
    it('hands over at most its bytes per turn (and the chunk that crossed them), every line in order', async () => {
      const bytesPerTurn = 128 * 1024;
      const { turns, lines } = await linesPerTurn(bytesPerTurn);
      expect(lines).toHaveLength(LINES);
      expect(new Set(lines)).toEqual(new Set([LINE]));
      const mostPerTurn = Math.ceil((bytesPerTurn + READ_CHUNK) / (LINE.length + 1));
      expect(Math.max(...turns)).toBeLessThanOrEqual(mostPerTurn);
      expect(turns.reduce((sum, count) => sum + count, 0)).toBe(LINES);
    });
  });
});
