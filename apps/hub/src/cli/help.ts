/** `sidecast --help`. */
export const HELP = `Usage: sidecast [options]

Runs the Sidecast hub: it supervises the Python sidecar, runs jobs in it and serves the
REST API, the WebSocket and the web app. It prints the address to open, token included.

Options:
  --host HOST             interface to listen on (default 127.0.0.1)
  --port PORT             port to listen on (default 8765, or the next free one up to
                          8775); 0 picks any free port
  --data-dir DIR          where jobs, logs and artifacts are kept
                          (default $SIDECAST_DATA_DIR or ./.sidecast)
  --python PATH           Python 3.9+ interpreter for the sidecar
                          (default $SIDECAST_PYTHON or python3)
  --jobs MODULE_OR_FILE   load your own @job functions (repeatable)
  --eager                 start the sidecar now instead of on first use
  --max-concurrency N     jobs running at once (default 4)
  --token TOKEN           the API token (default $SIDECAST_TOKEN or a random one)
  --allow-origin ORIGIN   another browser origin allowed to call the hub (repeatable)
  --allow-host HOST:PORT  another Host name the hub answers to (repeatable)
  --ready-json            print {"url","port","token","pid"} as one JSON line instead of
                          the ready line, and exit when stdin closes (for desktop shells)
  -h, --help              show this help
  -v, --version           show the version
`;
