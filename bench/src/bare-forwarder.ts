/**
 * The bare forwarder: the physical limit of this architecture on this machine, for
 * `pnpm bench` to set the hub against. A Python emitter's stdout (`jobs/bare_emitter.py`)
 * → Node → `ws`, each event-loop turn's lines in one frame to every socket. No validation,
 * no storage, no replay, no back-pressure: nothing but the hops. Forked by the `forwarder`
 * scenario, it says `listening`, then streams one emitter per `run`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';

const EMITTER = fileURLToPath(new URL('../jobs/bare_emitter.py', import.meta.url));

export type ToForwarder = { type: 'run'; lines: number; rate: number } | { type: 'exit' };
export type FromForwarder = { type: 'listening'; port: number } | { type: 'ran' };

const sockets = new Set<WebSocket>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
await once(server, 'listening');
const address = server.address();
const reply = (message: FromForwarder): void => {
  process.send?.(message);
};
reply({
  type: 'listening',
  port: typeof address === 'object' && address !== null ? address.port : 0,
});

/**
 * The emitter's stdout is block-buffered whatever the caller's environment says: with
 * `PYTHONUNBUFFERED` set (as on some machines, and not under turbo, which filters it out)
 * it wrote a line per system call and ran at a third of its speed, which made the limit
 * depend on how the bench was started. The sidecar writes in batches either way.
 */
const EMITTER_ENV: NodeJS.ProcessEnv = { ...process.env };
delete EMITTER_ENV.PYTHONUNBUFFERED;

function run(lines: number, rate: number): void {
  const child = spawn('python3', [EMITTER, String(lines), String(rate)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: EMITTER_ENV,
  });
  let carry = '';
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const frame = `{"type":"events","channel":"job:bare","epoch":"bare","events":[${pending.join(',')}]}`;
    pending = [];
    for (const socket of sockets) socket.send(frame);
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop() ?? '';
    for (const line of parts) pending.push(line);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
  child.on('exit', () => {
    setImmediate(() => {
      reply({ type: 'ran' });
    });
  });
}

process.on('message', (message: ToForwarder) => {
  if (message.type === 'run') run(message.lines, message.rate);
  else process.exit(0);
});
