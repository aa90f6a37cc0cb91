/**
 * `sidecast`: the hub (start it, and take it down cleanly, sidecar included, on Ctrl-C,
 * SIGTERM, or with `--ready-json` when the parent closes our stdin), and the terminal
 * viewer (`sidecast run`, `sidecast logs`), and `sidecast reload`.
 */
import { HUB_VERSION } from '../version.js';
import { parseCli } from './args.js';
import { COMMAND_HELP, HELP } from './help.js';
import { reloadHub } from './reload-command.js';
import { serve, type Payload } from './serve.js';
import { runViewer } from './viewer.js';

export type { Payload } from './serve.js';

/**
 * Run the `sidecast` command line `argv` (without node and the script). `payload` says where
 * the web app and the sidecar are when they are not this repository's (a single executable
 * unpacks its own).
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  payload: Payload = {},
): Promise<void> {
  const command = parseCli(argv, env);
  switch (command.kind) {
    case 'help':
      process.stdout.write(command.topic === undefined ? HELP : COMMAND_HELP[command.topic]);
      break;
    case 'version':
      process.stdout.write(`sidecast ${HUB_VERSION}\n`);
      break;
    case 'error':
      process.stderr.write(`sidecast: ${command.message}\nRun sidecast --help for the options.\n`);
      process.exitCode = 2;
      break;
    case 'serve':
      await serve(command.options, payload);
      break;
    case 'reload':
      process.exitCode = await reloadHub(command.hub, process.stdout, process.stderr);
      break;
    case 'run':
    case 'logs': {
      // `sidecast logs … | head` closes the pipe early: that is not an error.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        process.exit(error.code === 'EPIPE' ? 0 : 1);
      });
      process.on('SIGINT', () => {
        process.stderr.write('\n[detached] the job keeps running\n');
        process.exit(130);
      });
      process.exitCode = await runViewer(command, {
        stdout: process.stdout,
        stderr: process.stderr,
        tty: process.stdout.isTTY,
      });
      break;
    }
    default:
      command satisfies never;
  }
}
