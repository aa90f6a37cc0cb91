/** The line `sidecast --ready-json` prints first on stdout, read from a child process. */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ReadyLine {
  url: string;
  port: number;
  token: string;
  pid: number;
}

/** The ready line `child` prints, or an error with `output()` (its stderr, say) if it exits first. */
export async function readReadyLine(
  child: ChildProcess,
  output: () => string = () => '',
): Promise<ReadyLine> {
  if (child.stdout === null) throw new Error('the hub was started without a stdout pipe');
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`the hub exited before it was ready\n${output()}`.trimEnd());
    }),
  ])) as [string];
  return JSON.parse(line) as ReadyLine;
}
