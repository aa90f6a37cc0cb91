import { describe, expect, it } from 'vitest';
import { WorkerProcess } from './worker-process.js';

/** Each line is its number, zero-padded to 99 digits, so order shows and every line is 100 bytes. */
const LINE_BYTES = 100;
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
          `import sys; sys.stdout.write("".join("%099d\\n" % n for n in range(${String(LINES)}))); sys.stdout.flush()`,
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
      expect(lines).toEqual(Array.from({ length: LINES }, (_, n) => String(n).padStart(99, '0')));
      const mostPerTurn = Math.ceil((bytesPerTurn + READ_CHUNK) / LINE_BYTES);
      expect(Math.max(...turns)).toBeLessThanOrEqual(mostPerTurn);
      expect(turns.reduce((sum, count) => sum + count, 0)).toBe(LINES);
    });
  });
});
