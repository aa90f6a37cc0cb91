#!/usr/bin/env node
/**
 * `sidecast`: the hub (start it, and take it down cleanly, sidecar included, on Ctrl-C,
 * SIGTERM, or with `--ready-json` when the parent closes our stdin), and the terminal
 * viewer (`sidecast run`, `sidecast logs`), and `sidecast reload`.
 */
import { HUB_VERSION } from '../version.js';
import { parseCli } from './args.js';
import { COMMAND_HELP, HELP } from './help.js';
import { reloadHub } from './reload-command.js';
import { serve } from './serve.js';
import { runViewer } from './viewer.js';

const command = parseCli(process.argv.slice(2), process.env);
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
    await serve(command.options);
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
