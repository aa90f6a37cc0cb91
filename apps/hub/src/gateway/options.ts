import { LIMITS } from '@sidecast/protocol';

export interface GatewayOptions {
  /** Longest inbound message; a larger one closes the socket with 1009. */
  maxPayloadBytes: number;
  /** Bytes queued on a socket past which job channels stop pushing to it and wait. */
  highWaterMarkBytes: number;
  /** Queued bytes below which a waiting socket is fed again. */
  lowWaterMarkBytes: number;
  /**
   * Queued bytes past which a socket is cut off. Only frames that do not wait for the
   * high-water mark (acks, presence, `jobs`/`sidecar` changes) can get it there: a peer that
   * stopped reading altogether. It reconnects and resumes, so nothing is lost.
   */
  maxBufferedBytes: number;
  pingIntervalMs: number;
  /** How long past a ping a silent peer is kept. */
  pongTimeoutMs: number;
  maxSubscriptions: number;
  /** Frames that are not valid commands a connection may send before it is closed (1008). */
  maxBadFrames: number;
  /** Events per `events` frame when replaying from the log. */
  replayPageSize: number;
  /**
   * A job channel sends at most one live frame per this window: an event after a quiet
   * spell goes at once, and those that follow within the window share the next frame. A job
   * logging a line at a time would otherwise cost every viewer a frame per line, and a
   * frame's fixed cost (a socket write in the hub, a parse in the client) is what limits
   * many viewers, not the events in it. 0 sends every write's events as they land.
   */
  liveBatchMs: number;
}

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = {
  maxPayloadBytes: LIMITS.maxWsPayloadBytes,
  highWaterMarkBytes: LIMITS.wsHighWaterMarkBytes,
  lowWaterMarkBytes: LIMITS.wsHighWaterMarkBytes / 4,
  maxBufferedBytes: 16 * LIMITS.wsHighWaterMarkBytes,
  pingIntervalMs: LIMITS.wsPingIntervalMs,
  pongTimeoutMs: LIMITS.wsPongTimeoutMs,
  maxSubscriptions: LIMITS.maxSubscriptionsPerSocket,
  maxBadFrames: 20,
  replayPageSize: 1000,
  liveBatchMs: 2,
};
