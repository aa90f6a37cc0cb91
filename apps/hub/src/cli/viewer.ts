/**
 * `sidecast run` and `sidecast logs`: a terminal viewer built on `@sidecast/client`, so it
 * resumes across dropped connections like any other viewer. It exits with 0 when the job
 * completed and 1 when it failed or was cancelled, like `docker logs -f` would if it could.
 */
import { createClient, type SidecastClient } from '@sidecast/client';
import { jobChannel } from '@sidecast/protocol';
import { findHub } from './find-hub.js';
import { LogPrinter, type Output } from './log-printer.js';
import type { ViewerCommand } from './viewer-args.js';

/** How long the first connection may take before the viewer gives up. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface ViewerIo {
  stdout: Output;
  stderr: Output;
  tty: boolean;
}

type Command = Exclude<ViewerCommand, { kind: 'error' | 'reload' }>;

/** Carry out `command`; resolves with the exit code. */
export async function runViewer(command: Command, io: ViewerIo): Promise<number> {
  let client: SidecastClient | undefined;
  try {
    const hub = await findHub(command.hub);
    let lastProblem: Error | undefined;
    client = createClient({
      ...hub,
      onProblem: (error) => {
        lastProblem = error;
        // Failed attempts before the first connection are summed up by `connected`.
        if (client?.session !== undefined) io.stderr.write(`sidecast: ${error.message}\n`);
      },
    });
    await connected(client, hub.url, () => lastProblem);
    const jobId = command.kind === 'run' ? await startJob(client, command, io) : command.jobId;
    if (command.kind === 'run' && !command.follow) return 0;
    return await follow(client, jobId, command.follow, io);
  } catch (error) {
    io.stderr.write(`sidecast: ${(error as Error).message}\n`);
    return 1;
  } finally {
    client?.close();
  }
}

async function connected(
  client: SidecastClient,
  url: string,
  lastProblem: () => Error | undefined,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = String(CONNECT_TIMEOUT_MS / 1000);
      const why = lastProblem()?.message ?? 'no answer';
      reject(new Error(`could not reach the hub at ${url} within ${seconds} s (${why})`));
    }, CONNECT_TIMEOUT_MS);
  });
  try {
    await Promise.race([client.whenLive(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function startJob(
  client: SidecastClient,
  command: Extract<Command, { kind: 'run' }>,
  io: ViewerIo,
): Promise<string> {
  const job = await client.start(command.jobType, command.params);
  // The id alone on stdout, so `id=$(sidecast run …)` works; the rest is for people.
  if (command.follow) io.stderr.write(`[job] ${job.id} ${job.jobType}\n`);
  else io.stdout.write(`${job.id}\n`);
  return job.id;
}

function follow(
  client: SidecastClient,
  jobId: string,
  live: boolean,
  io: ViewerIo,
): Promise<number> {
  const printer = new LogPrinter(io.stdout, io.stderr, io.tty);
  return new Promise((resolve, reject) => {
    const done = (): void => {
      printer.finish();
      const outcome = printer.outcome;
      resolve(outcome === undefined || outcome === 'completed' ? 0 : 1);
    };
    client.subscribe(jobChannel(jobId), {
      onEvents: (events) => {
        printer.print(events);
        if (printer.outcome !== undefined && live) done();
      },
      onSynced: () => {
        if (!live || printer.outcome !== undefined) done();
      },
      onReset: () => {
        io.stderr.write('[reset] the hub could not resume this log; it starts over\n');
      },
      onError: reject,
    });
  });
}
