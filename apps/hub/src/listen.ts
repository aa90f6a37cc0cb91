/**
 * Binding the HTTP server: the requested port, or with the default port the next free one
 * of a short range (so a second hub on the same machine just works), or any free port for 0.
 */
import type { Server } from 'node:http';
import { HubError } from './hub-error.js';

/** Ports tried after the default one when it is busy (DESIGN: 8766–8775). */
export const FALLBACK_PORTS = 10;

function listenOnce(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function inUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/** Listen on `port`, or on the first free one of `port`…`port + FALLBACK_PORTS` if asked. */
export async function listen(
  server: Server,
  host: string,
  port: number,
  fallback: boolean,
): Promise<number> {
  const last = fallback && port !== 0 ? port + FALLBACK_PORTS : port;
  for (let candidate = port; candidate <= last; candidate++) {
    try {
      return await listenOnce(server, host, candidate);
    } catch (error) {
      if (!inUse(error))
        throw new HubError(
          'unavailable',
          `cannot listen on ${host}:${String(candidate)}: ${(error as Error).message}`,
        );
    }
  }
  const range =
    last === port ? `port ${String(port)} is` : `ports ${String(port)}–${String(last)} are all`;
  throw new HubError('unavailable', `${range} in use on ${host}; pass --port 0 for any free port`);
}
