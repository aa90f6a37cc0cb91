/** `sidecast --help`. */
export const HELP = `Usage: sidecast [options]
       sidecast run <jobType> [--param name=value …] [--follow]
       sidecast logs <jobId> [--follow]

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
  --jobs MODULE_OR_FILE   load your own @job functions (repeatable)
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
  --ready-json            print {"url","port","token","pid"} as one JSON line instead of
                          the ready line, and exit when stdin closes (for desktop shells)
  -h, --help              show this help
  -v, --version           show the version

sidecast run starts a job on the hub of this folder and prints its id; with --follow it
prints the job's log as it runs instead. sidecast logs prints a job's log so far; with
--follow it keeps printing until the job ends. Both exit with 0 when the job completed
and 1 when it failed or was cancelled.

  -p, --param NAME=VALUE  a job parameter (repeatable); VALUE is read as JSON when it is
                          JSON (100, true, ["a","b"], "007") and as a string otherwise
  -f, --follow            keep printing until the job ends
  --data-dir DIR          the hub's data dir, whose hub.json says where it listens
                          (default $SIDECAST_DATA_DIR or ./.sidecast)
  --url URL --token TOKEN talk to the hub at URL instead (token default $SIDECAST_TOKEN)
`;
