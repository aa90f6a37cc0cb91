/** The processes below a pid, from Linux's `/proc`, to check what a hub leaves running. */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** The kernel's one-letter state: `Z` is a zombie, dead and waiting to be reaped. */
  state: string;
  /** The executable's name, as the kernel shortens it (15 characters). */
  command: string;
}

function readEntry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // The name is in parentheses and may itself contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [state = '', ppid = '0'] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), state, command: stat.slice(stat.indexOf('(') + 1, close) };
  } catch {
    return undefined; // gone between the listing and the read
  }
}

export function processTable(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readEntry(Number(name)) ?? []);
}

/** Every process below `pid`, however deep. */
export function descendants(pid: number, table = processTable()): ProcessEntry[] {
  const below = table.filter((entry) => entry.ppid === pid);
  return below.concat(below.flatMap((child) => descendants(child.pid, table)));
}

/** Those of `pids` that still run (a zombie does not: it only waits for init to reap it). */
export function running(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    const entry = readEntry(pid);
    return entry !== undefined && entry.state !== 'Z';
  });
}
