/**
 * The client of one hub: typed commands, channel subscriptions that resume across
 * reconnects, and the connection state to show the user.
 */
import {
  check,
  JobReply,
  type Channel,
  type Job,
  type ArtifactInfo,
  type JobType,
  type JsonValue,
  type Params,
  type ServerMessage,
  type Since,
  type SidecarStatus,
  type HubStats,
} from '@sidecast/protocol';
import { ClientError } from './client-error.js';
import { Connection, type ConnectionState } from './connection.js';
import type { ReadonlyObservable } from './observable.js';
import { DEFAULT_CLIENT_OPTIONS, socketUrl, type ClientOptions } from './options.js';
import { Requests, type Command } from './requests.js';
import { HubApi, type ArtifactStart, type FetchLike } from './rest.js';
import { Subscriptions, type ChannelHandlers, type ChannelSubscription } from './subscriptions.js';
import type { Transport } from './transport/transport.js';
import { WebSocketTransport, type WebSocketConstructor } from './transport/websocket-transport.js';

export type SidecastClientOptions = Pick<ClientOptions, 'url' | 'token'> &
  Partial<Omit<ClientOptions, 'url' | 'token'>> & {
    /** Problems that do not end the connection (a frame that failed validation, say). */
    onProblem?: (error: Error) => void;
    /** For the REST routes; the runtime's `fetch` unless given. */
    fetch?: FetchLike;
  };

export class SidecastClient {
  private readonly connection: Connection;
  private readonly requests: Requests;
  private readonly subscriptions: Subscriptions;
  private readonly api: HubApi;
  private readonly onProblem: ((error: Error) => void) | undefined;
  private sessionId: string | undefined;

  constructor(options: SidecastClientOptions, WebSocketImpl?: WebSocketConstructor) {
    const full = { ...DEFAULT_CLIENT_OPTIONS, ...options };
    this.onProblem = options.onProblem;
    this.api = new HubApi(
      full.url,
      full.token,
      options.fetch ?? ((input, init) => fetch(input, init)),
    );
    const url = socketUrl(full.url, full.token);
    const makeTransport = (): Transport => {
      if (full.transport !== undefined) return full.transport(url);
      if (WebSocketImpl === undefined)
        throw new ClientError('unavailable', 'this runtime has no WebSocket; pass `transport`');
      return new WebSocketTransport(url, WebSocketImpl);
    };
    this.connection = new Connection(makeTransport, full.reconnect, {
      live: ({ session }) => {
        this.sessionId = session;
        this.subscriptions.resubscribe();
        this.requests.flush();
      },
      message: (message) => {
        this.receive(message);
      },
      lost: () => {
        this.requests.connectionLost();
      },
      problem: (error) => this.onProblem?.(error),
    });
    this.requests = new Requests(full.requestTimeoutMs, (message) => this.connection.send(message));
    this.subscriptions = new Subscriptions(
      this.requests,
      () => this.connection.state.value === 'live',
    );
    this.connection.open();
  }

  /** `connecting`, `live`, `reconnecting` or `closed`, observable. */
  get state(): ReadonlyObservable<ConnectionState> {
    return this.connection.state;
  }

  /** The hub's id for the current connection. */
  get session(): string | undefined {
    return this.sessionId;
  }

  /** Resolves once the connection is live (at once if it is). */
  whenLive(): Promise<void> {
    return new Promise((resolve, reject) => {
      const settled = (state: ConnectionState): boolean => {
        if (state === 'live') resolve();
        else if (state === 'closed') reject(new ClientError('closed', 'the client was closed'));
        else return false;
        return true;
      };
      if (settled(this.state.value)) return;
      const stop = this.state.subscribe((state) => {
        if (settled(state)) stop();
      });
    });
  }

  /** Send any command; resolves with the `ack`'s result. */
  request(command: Command): Promise<JsonValue | undefined> {
    return this.requests.request(command);
  }

  /** Start a job; resolves with it as created (`queued`). */
  async start(jobType: string, params: Params = {}): Promise<Job> {
    return jobOf(await this.request({ type: 'start', jobType, params }));
  }

  async cancel(jobId: string): Promise<Job> {
    return jobOf(await this.request({ type: 'cancel', jobId }));
  }

  /** Send input to a running interactive job. */
  async input(jobId: string, data: JsonValue): Promise<Job> {
    return jobOf(await this.request({ type: 'input', jobId, data }));
  }

  /** Round trip to the hub, in milliseconds. */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.request({ type: 'ping' });
    return performance.now() - started;
  }

  /** What the sidecar can run (over REST; starts the sidecar if it is not running). */
  jobTypes(): Promise<JobType[]> {
    return this.api.jobTypes();
  }

  /** The files job `jobId` wrote. */
  artifacts(jobId: string): Promise<ArtifactInfo[]> {
    return this.api.artifacts(jobId);
  }

  /** One artifact's bytes, fetched with the token (a plain link could not carry it). */
  artifact(jobId: string, path: string): Promise<Blob> {
    return this.api.artifact(jobId, path);
  }

  /** At most the first `maxBytes` of one artifact, and whether that was all of it. */
  artifactStart(jobId: string, path: string, maxBytes: number): Promise<ArtifactStart> {
    return this.api.artifactStart(jobId, path, maxBytes);
  }

  /** The supervisor's full state. */
  sidecar(): Promise<SidecarStatus> {
    return this.api.sidecar();
  }

  /** What the hub holds: sessions, bytes queued on sockets, its memory. */
  stats(): Promise<HubStats> {
    return this.api.stats();
  }

  /** Restart the sidecar; this also closes an open circuit breaker. */
  restartSidecar(): Promise<SidecarStatus> {
    return this.api.restartSidecar();
  }

  /** Reload the job code, gracefully (running jobs finish on the old code). */
  reloadSidecar(): Promise<SidecarStatus> {
    return this.api.reloadSidecar();
  }

  /** Follow `channel`: replayed (from `since`, if given), then live, across reconnects. */
  subscribe<C extends Channel>(
    channel: C,
    handlers: ChannelHandlers<C>,
    since?: Since,
  ): ChannelSubscription {
    return this.subscriptions.add(channel, handlers, since);
  }

  /** Close the connection for good; pending commands fail with `closed`. */
  close(): void {
    // Fail the pending commands first, so they say `closed`: closing the connection first
    // would report them as `connection_lost`, which invites a retry.
    this.requests.close();
    this.connection.close();
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'ack':
      case 'nack':
        this.requests.settle(message);
        return;
      case 'subscribed':
      case 'events':
      case 'synced':
      case 'snapshot':
      case 'presence':
        this.subscriptions.receive(message);
        return;
      case 'error':
        this.onProblem?.(new ClientError(message.code, message.message));
        return;
      case 'welcome':
        return;
    }
  }
}

function jobOf(result: JsonValue | undefined): Job {
  const reply = check(JobReply, result);
  if (!reply.ok)
    throw new ClientError('internal', `the hub answered with no job: ${reply.error.message}`);
  return reply.value.job;
}
