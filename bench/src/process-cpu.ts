/**
 * CPU time from `/proc` (Linux): a process's own, and its descendants', live or already
 * reaped. The bench sets the CPU each process spends per event beside the rate, since on
 * two cores the producer, the middle and the viewer share what there is.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface TreeCpu {
  /** The process's own user + system time, µs. */
  ownMicros: number;
  /** Its descendants': each live one's own and what it reaped, and what the process reaped. */
  descendantsMicros: number;
}

interface Stat {
  pid: number;
  ppid: number;
  ownTicks: number;
  reapedTicks: number;
}

async function readStat(pid: string): Promise<Stat | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // it exited between the listing and the read
  }
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const field = (index: number): number => fields[index] ?? NaN;
  return {
    pid: Number(pid),
    ppid: field(1),
    ownTicks: field(11) + field(12),
    reapedTicks: field(13) + field(14),
  };
}

const micros = (ticks: number): number => (ticks * 1_000_000) / TICKS_PER_SECOND;

/** The process's own CPU time so far, µs: one stat file, for a process whose children do not matter. */
export async function ownCpuMicros(pid: number): Promise<number> {
  const stat = await readStat(String(pid));
  if (stat === undefined) throw new Error(`no process ${String(pid)} in /proc`);
  return micros(stat.ownTicks);
}

/** The CPU time so far of process `pid` and of everything it started. */
export async function treeCpu(pid: number): Promise<TreeCpu> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const stats = (await Promise.all(pids.map(readStat))).filter(
    (stat): stat is Stat => stat !== undefined,
  );
  const children = new Map<number, Stat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const root = stats.find((stat) => stat.pid === pid);
  if (root === undefined) throw new Error(`no process ${String(pid)} in /proc`);
  let descendantTicks = root.reapedTicks;
  const pending = [...(children.get(pid) ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    descendantTicks += next.ownTicks + next.reapedTicks;
    pending.push(...(children.get(next.pid) ?? []));
  }
  return { ownMicros: micros(root.ownTicks), descendantsMicros: micros(descendantTicks) };
}

/** What `pid` and its descendants spent between two readings, per `events`, µs. */
export function cpuPerEvent(
  before: TreeCpu,
  after: TreeCpu,
  events: number,
): { own: number; descendants: number } {
  return {
    own: (after.ownMicros - before.ownMicros) / events,
    descendants: (after.descendantsMicros - before.descendantsMicros) / events,
  };
}
