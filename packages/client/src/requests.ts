/**
 * Commands and their answers: each gets the next id, waits for the `ack` or `nack` with that
 * id, and fails after the request timeout. A command made while disconnected waits for the
 * connection (its timeout running); one in flight when the connection drops fails with
 * `connection_lost`, since the hub may or may not have carried it out.
 */
import type { ClientMessage, JsonValue, ServerMessage } from '@sidecast/protocol';
import { ClientError } from './client-error.js';

/** A command as the caller writes it; the id is added here. */
export type Command = ClientMessage extends infer M
  ? M extends ClientMessage
    ? Omit<M, 'id'>
    : never
  : never;

type Answer = Extract<ServerMessage, { type: 'ack' | 'nack' }>;

interface Pending {
  message: ClientMessage;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(result: JsonValue | undefined): void;
  reject(error: ClientError): void;
}

export class Requests {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly timeoutMs: number,
    /** Sends a message if the connection is live; says whether it did. */
    private readonly trySend: (message: ClientMessage) => boolean,
  ) {}

  /** Send `command`; resolves with the ack's result, rejects with a `ClientError`. */
  request(command: Command): Promise<JsonValue | undefined> {
    const id = this.nextId++;
    const message = { ...command, id } as ClientMessage;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new ClientError(
            'timeout',
            `no answer to ${command.type} within ${String(this.timeoutMs)} ms`,
          ),
        );
      }, this.timeoutMs);
      const entry: Pending = { message, sent: false, timer, resolve, reject };
      this.pending.set(id, entry);
      entry.sent = this.trySend(message);
    });
  }

  /** Settle the command an `ack` or `nack` answers; answers to nothing pending are ignored. */
  settle(answer: Answer): void {
    if (typeof answer.id !== 'number') return;
    const entry = this.pending.get(answer.id);
    if (entry === undefined) return;
    this.pending.delete(answer.id);
    clearTimeout(entry.timer);
    if (answer.type === 'ack') entry.resolve(answer.result);
    else entry.reject(ClientError.from(answer.error));
  }

  /** The connection is live again: send what waited for it. */
  flush(): void {
    for (const entry of this.pending.values())
      if (!entry.sent) entry.sent = this.trySend(entry.message);
  }

  /** The connection dropped: what was sent gets no answer. */
  connectionLost(): void {
    for (const [id, entry] of this.pending)
      if (entry.sent)
        this.fail(
          id,
          entry,
          new ClientError(
            'connection_lost',
            `the connection dropped before ${entry.message.type} was answered`,
          ),
        );
  }

  /** Fail everything: the client is closing. */
  close(): void {
    for (const [id, entry] of this.pending)
      this.fail(
        id,
        entry,
        new ClientError(
          'closed',
          `the client was closed before ${entry.message.type} was answered`,
        ),
      );
  }

  private fail(id: number, entry: Pending, error: ClientError): void {
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.reject(error);
  }
}
