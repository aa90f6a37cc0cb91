/**
 * One WebSocket connection: `welcome`, then commands in, frames out. Every frame is parsed
 * once here; a bad one gets a `nack` (when it has a usable id) or an `error`, and the
 * connection stays up until it has sent `maxBadFrames` of them.
 */
import type { RawData, WebSocket } from 'ws';
import {
  parseClientMessage,
  PROTOCOL_VERSION,
  type Channel,
  type ClientMessage,
  type ErrorInfo,
  type JsonValue,
  type RequestId,
  type Since,
} from '@sidecast/protocol';
import { HubError } from '../hub-error.js';
import type { Jobs } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import type { Channels } from './channels.js';
import { runJobCommand } from './commands.js';
import { Keepalive } from './keepalive.js';
import type { GatewayOptions } from './options.js';
import { Outbox } from './outbox.js';
import type { Subscription } from './subscription.js';

/** Close codes this side uses (RFC 6455 §7.4.1). */
export const CLOSE_CODES = { goingAway: 1001, policy: 1008, overloaded: 1013 } as const;

/** A command's answer, and what to do once its `ack` has been sent. */
interface Outcome {
  result?: JsonValue;
  afterAck?: () => void;
}

export interface SessionDeps {
  jobs: Jobs;
  channels: Channels;
  options: GatewayOptions;
  log: Logger;
  version: string;
}

export class Session {
  private readonly outbox: Outbox;
  private readonly keepalive: Keepalive;
  /** Joined channels, and channels being joined (`undefined` until `subscribed` is sent). */
  private readonly subscriptions = new Map<Channel, Subscription>();
  private badFrames = 0;
  private ended = false;
  /** Resolves once the connection has closed. */
  readonly closed: Promise<void>;

  constructor(
    readonly id: string,
    private readonly socket: WebSocket,
    private readonly deps: SessionDeps,
    onClose: () => void,
  ) {
    const { options, log } = deps;
    this.outbox = new Outbox(socket, options, () => {
      log('warning', `session ${id} stopped reading; disconnected`);
      socket.terminate();
    });
    this.keepalive = new Keepalive(socket, options, () => {
      log('info', `session ${id} went silent; disconnected`);
      socket.terminate();
    });
    socket.on('error', (error) => {
      log('debug', `session ${id}: ${error.message}`);
    });
    socket.on('message', (data, isBinary) => {
      this.keepalive.heard();
      void this.receive(data, isBinary);
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.close();
        onClose();
        resolve();
      });
    });
    this.outbox.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      version: deps.version,
      session: id,
    });
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** Bytes waiting to be sent on this socket. */
  get queuedBytes(): number {
    return this.socket.bufferedAmount;
  }

  /** Start the closing handshake (the hub is stopping, say). */
  end(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Drop the connection without a handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  private async receive(data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      this.refuse({ code: 'bad_request', message: 'frames must be JSON text, not binary' });
      return;
    }
    const parsed = parseClientMessage(rawText(data));
    if (!parsed.ok) {
      const { id, ...error } = parsed.error;
      this.refuse(error, id);
      return;
    }
    const command = parsed.value;
    let outcome: Outcome;
    try {
      outcome = await this.run(command);
    } catch (error) {
      this.outbox.send({ type: 'nack', id: command.id, error: errorInfo(error, this.deps.log) });
      return;
    }
    const { result, afterAck } = outcome;
    this.outbox.send(
      result === undefined
        ? { type: 'ack', id: command.id }
        : { type: 'ack', id: command.id, result },
    );
    afterAck?.();
  }

  private async run(command: ClientMessage): Promise<Outcome> {
    switch (command.type) {
      case 'subscribe':
        return { afterAck: await this.subscribe(command.channel, command.since) };
      case 'unsubscribe':
        this.subscriptions.get(command.channel)?.close();
        this.subscriptions.delete(command.channel);
        return {};
      case 'start':
      case 'cancel':
      case 'input':
      case 'ping':
        return { result: await runJobCommand(this.deps.jobs, command) };
    }
  }

  /** Join `channel`; the returned function starts the flow of events once the ack is out. */
  private async subscribe(
    channel: Channel,
    since: Since | undefined,
  ): Promise<(() => void) | undefined> {
    if (this.subscriptions.has(channel))
      throw new HubError('conflict', `already subscribed to ${channel}`);
    const { maxSubscriptions } = this.deps.options;
    if (this.subscriptions.size >= maxSubscriptions)
      throw new HubError(
        'rate_limited',
        `a connection holds at most ${String(maxSubscriptions)} subscriptions; unsubscribe from one first`,
      );
    // Commands run concurrently: this placeholder tells whether an unsubscribe (and maybe a
    // new subscribe) of the same channel came in while the channel was being opened.
    const pending: Subscription = { channel, start: () => undefined, close: () => undefined };
    this.subscriptions.set(channel, pending);
    let subscription: Subscription;
    try {
      subscription = await this.deps.channels.join(this.outbox, channel, since, (error) => {
        this.lose(channel, error);
      });
    } catch (error) {
      if (this.subscriptions.get(channel) === pending) this.subscriptions.delete(channel);
      throw error;
    }
    if (this.ended || this.subscriptions.get(channel) !== pending) {
      // The socket closed, or the client unsubscribed, while the channel was being opened.
      subscription.close();
      return undefined;
    }
    this.subscriptions.set(channel, subscription);
    return () => {
      subscription.start();
    };
  }

  /** A subscription's source failed: drop it and say why. */
  private lose(channel: Channel, error: Error): void {
    this.subscriptions.get(channel)?.close();
    this.subscriptions.delete(channel);
    this.deps.log('error', `session ${this.id}: ${channel} failed: ${error.message}`);
    this.outbox.send({
      type: 'error',
      code: 'internal',
      message: `${channel} could not be read and was unsubscribed: ${error.message}`,
    });
  }

  private refuse(error: ErrorInfo, id?: RequestId): void {
    this.badFrames += 1;
    this.outbox.send(
      id === undefined
        ? { type: 'error', code: error.code, message: error.message }
        : { type: 'nack', id, error },
    );
    if (this.badFrames >= this.deps.options.maxBadFrames)
      this.end(CLOSE_CODES.policy, 'too many bad frames');
  }

  private close(): void {
    if (this.ended) return;
    this.ended = true;
    this.keepalive.stop();
    this.outbox.close();
    for (const subscription of this.subscriptions.values()) subscription.close();
    this.subscriptions.clear();
  }
}

const utf8 = new TextDecoder();

/** The text of a frame; `ws` has already refused text frames that are not UTF-8 (1007). */
function rawText(data: RawData): string {
  return utf8.decode(Array.isArray(data) ? Buffer.concat(data) : data);
}

function errorInfo(error: unknown, log: Logger): ErrorInfo {
  if (error instanceof HubError) return error.toInfo();
  log('error', `a WebSocket command failed: ${(error as Error).stack ?? String(error)}`);
  return { code: 'internal', message: 'the hub failed to carry out the command' };
}
