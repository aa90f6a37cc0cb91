/** The benchmark's side of a viewers process (`viewers.ts`): fork it and talk to it. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { FromViewers, ToViewers } from './viewers-protocol.js';

const SCRIPT = fileURLToPath(new URL('./viewers.ts', import.meta.url));
const LIGHT_SCRIPT = fileURLToPath(new URL('./light-viewers.ts', import.meta.url));

type Reply<T extends FromViewers['type']> = Extract<FromViewers, { type: T }>;

export class ViewerPool {
  private constructor(private readonly child: ChildProcess) {}

  /** The viewers process, to read its CPU time. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Fork a viewers process with `count` clients of the hub at `url`, all live. */
  static async open(
    url: string,
    token: string,
    count: number,
    stallOne = false,
    /** Light viewers (`light-viewers.ts`) instead of `@sidecast/client` ones. */
    light = false,
  ): Promise<ViewerPool> {
    const script = light ? LIGHT_SCRIPT : SCRIPT;
    const pool = new ViewerPool(fork(script, [], { execArgv: ['--import', 'tsx'] }));
    await pool.ask({ type: 'connect', url, token, count, stallOne }, 'connected');
    return pool;
  }

  /** Every client follows `jobId`; resolves when all (but a stalled one) have its end. */
  follow(
    jobId: string,
    options: { latency?: 'live' | 'all'; stall?: boolean } = {},
  ): Promise<Reply<'done'>> {
    return this.ask(
      { type: 'follow', jobId, latency: options.latency ?? 'none', stall: options.stall ?? false },
      'done',
    );
  }

  /** Let the stalled client read again; resolves when it has the whole job. */
  resume(): Promise<Reply<'caught-up'>> {
    return this.ask({ type: 'resume' }, 'caught-up');
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.send({ type: 'exit' } satisfies ToViewers);
    await exited;
  }

  private async ask<T extends FromViewers['type']>(
    message: ToViewers,
    answer: T,
  ): Promise<Reply<T>> {
    const replied = new Promise<Reply<T>>((resolve, reject) => {
      const onMessage = (reply: FromViewers): void => {
        if (reply.type !== answer) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(reply as Reply<T>);
      };
      const onExit = (code: number | null): void => {
        reject(new Error(`the viewers process exited (${String(code)}) before "${answer}"`));
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
    this.child.send(message);
    return replied;
  }
}
