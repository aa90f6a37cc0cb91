/**
 * A raw WebSocket peer of a test hub: it checks every frame the hub sends against the
 * protocol, keeps them all, and offers waits on them. Tests of the hub's exact behaviour use
 * it instead of `@sidecast/client`, which would hide resumes and duplicates.
 */
import WebSocket from 'ws';
import {
  parseServerMessage,
  type Channel,
  type ChannelEvent,
  type ClientMessage,
  type ServerMessage,
} from '@sidecast/protocol';

type Answer = Extract<ServerMessage, { type: 'ack' | 'nack' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface PeerOptions {
  path?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Answer pings (the default); off plays a peer that went silent. */
  autoPong?: boolean;
}

export class WsPeer {
  readonly frames: ServerMessage[] = [];
  /** Frames that did not pass the protocol's schema: must stay empty. */
  readonly invalid: string[] = [];
  closeCode: number | undefined;
  private nextId = 1;
  private readonly byChannel = new Map<Channel, ChannelEvent[]>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      const parsed = parseServerMessage(text);
      if (parsed.ok) this.keep(parsed.value);
      else this.invalid.push(`${parsed.error.message}: ${text.slice(0, 200)}`);
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
    socket.on('error', () => undefined);
  }

  /** Connect to `port` (token and path from `options`) and wait for `welcome`. */
  static async connect(port: number, token: string, options: PeerOptions = {}): Promise<WsPeer> {
    const path = options.path ?? '/ws';
    const chosen = options.token ?? token;
    const query = chosen === '' ? '' : `?token=${chosen}`;
    const socket = new WebSocket(`ws://127.0.0.1:${String(port)}${path}${query}`, {
      headers: options.headers,
      autoPong: options.autoPong ?? true,
    });
    const peer = new WsPeer(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        resolve();
      });
      socket.once('unexpected-response', (_request, response) => {
        reject(new RefusedUpgrade(response.statusCode ?? 0));
      });
      socket.once('error', reject);
    });
    await peer.next((frame) => frame.type === 'welcome');
    return peer;
  }

  send(message: ClientMessage | string | Buffer): void {
    this.socket.send(
      typeof message === 'object' && !Buffer.isBuffer(message) ? JSON.stringify(message) : message,
    );
  }

  /** Send a command with a fresh id and wait for its ack or nack. */
  async request(command: DistributiveOmit<ClientMessage, 'id'>): Promise<Answer> {
    const id = `c${String(this.nextId++)}`;
    this.send({ ...command, id });
    return (await this.next(
      (frame) => (frame.type === 'ack' || frame.type === 'nack') && frame.id === id,
    )) as Answer;
  }

  /** The first frame (received or to come) that matches. */
  async next(match: (frame: ServerMessage) => boolean, timeoutMs = 10_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching frame within ${String(timeoutMs)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Every event received on `channel`, in arrival order. */
  events(channel: Channel): ChannelEvent[] {
    return this.byChannel.get(channel) ?? [];
  }

  private keep(frame: ServerMessage): void {
    this.frames.push(frame);
    if (frame.type !== 'events') return;
    const events = this.byChannel.get(frame.channel);
    if (events === undefined) this.byChannel.set(frame.channel, [...frame.events]);
    else for (const event of frame.events) events.push(event);
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.close();
    await closed;
  }
}

export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with ${String(status)}`);
  }
}
