/** `sidecast --help`, and `sidecast <command> --help` for each command. */
import type { ViewerKind } from './viewer-args.js';

const HUB_FLAGS = `  --data-dir DIR          the hub's data dir, whose hub.json says where it listens
                          (default $SIDECAST_DATA_DIR or ./.sidecast)
  --url URL --token TOKEN talk to the hub at URL instead (token default $SIDECAST_TOKEN)
`;

export const COMMAND_HELP: Record<ViewerKind, string> = {
  run: `Usage: sidecast run <jobType> [--param name=value …] [--follow]

Starts a job on the hub of this folder and prints its id; with --follow it prints the
job's log as it runs instead, and exits with 0 when the job completed and 1 when it failed
or was cancelled.

  -p, --param NAME=VALUE  a job parameter (repeatable); VALUE is read as JSON when it is
                          JSON (100, true, ["a","b"], "007") and as a string otherwise
  -f, --follow            keep printing until the job ends
${HUB_FLAGS}`,
  logs: `Usage: sidecast logs <jobId> [--follow]

Prints a job's log so far; with --follow it keeps printing until the job ends. Exits with
0 when the job completed and 1 when it failed or was cancelled.

  -f, --follow            keep printing until the job ends
${HUB_FLAGS}`,
  reload: `Usage: sidecast reload

Reloads the job code of the hub of this folder: new workers import your --jobs files
afresh and take new jobs; running jobs finish on the old code. Prints the job types it
now serves, or why the code did not import (the old workers then keep serving), and exits
with 0 or 1 accordingly.

${HUB_FLAGS}`,
};

export const HELP = `Usage: sidecast [options]
       sidecast run <jobType> [--param name=value …] [--follow]
       sidecast logs <jobId> [--follow]
       sidecast reload

Runs the Sidecast hub: it supervises a pool of Python worker processes, runs each job in
one of its own, and serves the REST API, the WebSocket and the web app. It prints the address to open, token included.

Options:
  --host HOST             interface to listen on (default 127.0.0.1)
  --port PORT             port to listen on (default 8765, or the next free one up to
                          8775); 0 picks any free port
  --data-dir DIR          where jobs, logs and artifacts are kept
                          (default $SIDECAST_DATA_DIR or ./.sidecast)
  --python PATH           Python 3.9+ interpreter for the workers
                          (default $SIDECAST_PYTHON or python3)
  --jobs MODULE_OR_FILE   load your own @job functions (repeatable); the hub imports them
                          before it starts and stops, saying where, if they do not import
  --reload                watch the --jobs files (and the .py files beside them) and
                          reload the workers when they change; a file that does not
                          import is shown, not fatal, and tried again on the next change
  --workers N             worker processes, so jobs running at once (default 4); they
                          start on demand, one kept warm, extras stop after 60 s idle
  --eager                 start all the workers now and keep them
  --job-timeout S         fail a job still running after S seconds, when its job type
                          sets no timeout of its own (default: none)
  --worker-max-rss MB     replace a worker using more than MB megabytes after a job
  --token TOKEN           the API token (default $SIDECAST_TOKEN or a random one)
  --allow-origin ORIGIN   another browser origin allowed to call the hub (repeatable)
  --allow-host HOST:PORT  another Host name the hub answers to (repeatable)
  --open                  open the app: in a Chromium/Chrome app window when one is
                          installed, else in the default browser ($BROWSER if set)
  --redis URL             join the cluster on this Redis (default $SIDECAST_REDIS_URL):
                          jobs, logs and the queue are shared by every hub on it, and
                          any hub serves any job; needs --token, the same on every hub
  --cluster NAME          the cluster's key prefix in Redis (default sidecast)
  --advertise URL         the address the other hubs reach this one at (default the
                          address it listens on)
  --serve-only            take no jobs from the cluster's queue: serve viewers and the
                          API while the other hubs run the jobs
  --ready-json            print {"url","port","token","pid"} as one JSON line instead of
                          the ready line, and exit when stdin closes (for desktop shells)
  -h, --help              show this help (sidecast run --help: that command's)
  -v, --version           show the version

sidecast run starts a job on the hub of this folder, sidecast logs prints a job's log,
sidecast reload reloads its job code; each has --help of its own.
`;
