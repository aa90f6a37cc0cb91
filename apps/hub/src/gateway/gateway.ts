/**
 * The WebSocket half of the hub (DESIGN §3.3, §4, §6): upgrades on `/ws` that pass the
 * Host, Origin and token checks become sessions; everything else is refused over plain HTTP
 * before any WebSocket exists.
 */
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';
import type { SecurityPolicy } from '../http/security/policy.js';
import type { Jobs } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import type { Supervisor } from '../supervisor/index.js';
import type { PresenceBoard } from '../store/presence-board.js';
import { Channels } from './channels.js';
import { DEFAULT_GATEWAY_OPTIONS, type GatewayOptions } from './options.js';
import { CLOSE_CODES, Session } from './session.js';
import { checkUpgrade, refuseUpgrade } from './upgrade-guard.js';

/** How long clients get to answer the closing handshake when the hub stops. */
const CLOSE_GRACE_MS = 1_000;

export interface GatewayDeps {
  server: Server;
  policy: SecurityPolicy;
  jobs: Jobs;
  supervisor: Supervisor;
  /** Where viewer counts add up (the store: this hub's, or the cluster's). */
  presence: PresenceBoard;
  log: Logger;
  version: string;
}

export interface GatewayStats {
  sessions: number;
  subscriptions: number;
  /** Bytes waiting to be sent, over all sockets. */
  queuedBytes: number;
  /** Bytes waiting on the socket with the most. */
  maxQueuedBytes: number;
}

export class Gateway {
  private readonly wss: WebSocketServer;
  private readonly channels: Channels;
  private readonly sessions = new Map<string, Session>();

  constructor(deps: GatewayDeps, options: GatewayOptions = DEFAULT_GATEWAY_OPTIONS) {
    this.channels = new Channels(deps.jobs, deps.supervisor, options, deps.presence);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: false,
    });
    deps.server.on('upgrade', (request, socket, head) => {
      socket.on('error', (error) => {
        deps.log('debug', `upgrade socket: ${error.message}`);
      });
      const refusal = checkUpgrade(request, deps.policy);
      if (refusal !== undefined) {
        refuseUpgrade(socket, refusal);
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        const session = new Session(
          randomBytes(9).toString('base64url'),
          ws,
          {
            jobs: deps.jobs,
            channels: this.channels,
            options,
            log: deps.log,
            version: deps.version,
          },
          () => this.sessions.delete(session.id),
        );
        this.sessions.set(session.id, session);
      });
    });
  }

  /** What the open connections hold now: how many, their subscriptions, their queued bytes. */
  stats(): GatewayStats {
    const stats: GatewayStats = {
      sessions: this.sessions.size,
      subscriptions: 0,
      queuedBytes: 0,
      maxQueuedBytes: 0,
    };
    for (const session of this.sessions.values()) {
      const queued = session.queuedBytes;
      stats.subscriptions += session.subscriptionCount;
      stats.queuedBytes += queued;
      stats.maxQueuedBytes = Math.max(stats.maxQueuedBytes, queued);
    }
    return stats;
  }

  /** Drop one connection without a handshake; says whether it was open. */
  terminate(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    session?.terminate();
    return session !== undefined;
  }

  /** Say goodbye to every client (1001), cut off those that do not answer within `graceMs`. */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.channels.close();
    this.wss.close();
    const sessions = [...this.sessions.values()];
    for (const session of sessions) session.end(CLOSE_CODES.goingAway, 'the hub is stopping');
    await Promise.race([
      Promise.all(sessions.map((session) => session.closed)),
      new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
    ]);
    for (const session of this.sessions.values()) session.terminate();
  }
}
