/**
 * The hub's diagnostics go to stderr, one line each. Nothing here ever receives the token:
 * callers log events and reasons, never URLs with queries or request headers.
 */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

export type Logger = (level: LogLevel, text: string) => void;

/** Writes `sidecast <level>: <text>` lines to stderr, skipping `debug` unless asked. */
export function stderrLogger(verbose = false): Logger {
  return (level, text) => {
    if (level === 'debug' && !verbose) return;
    process.stderr.write(`sidecast ${level}: ${text}\n`);
  };
}

/** Drops everything; for tests that assert on behaviour, not on diagnostics. */
export const silentLogger: Logger = () => undefined;
