/**
 * Who may talk to the hub (DESIGN §6): the token, the Host names that reach it (anything
 * else is DNS rebinding) and the Origins allowed to call it from a browser.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HubError } from '../../hub-error.js';

export interface SecurityPolicy {
  /** Compares in constant time. */
  tokenMatches(candidate: string): boolean;
  hostAllowed(host: string): boolean;
  originAllowed(origin: string): boolean;
}

export interface SecurityOptions {
  token: string;
  /** The port the hub listens on; Host names carry it. */
  port: number;
  /** The interface the hub listens on; a specific address is also a valid Host. */
  listenHost: string;
  /** Extra `host:port` names (`--allow-host`). */
  allowHosts: readonly string[];
  /** Extra origins (`--allow-origin`). */
  allowOrigins: readonly string[];
}

/** Origins of desktop shells and of the Vite dev server, always allowed. */
export const BUILT_IN_ORIGINS = [
  'tauri://localhost',
  'http://tauri.localhost',
  'https://tauri.localhost',
  'http://localhost:5173',
  'http://127.0.0.1:5173',
];

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** `host:port`, with an IPv6 address in brackets. */
export function hostWithPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${String(port)}` : `${host}:${String(port)}`;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function securityPolicy(options: SecurityOptions): SecurityPolicy {
  const loopback = ['127.0.0.1', 'localhost', '::1'];
  if (!WILDCARD_HOSTS.has(options.listenHost)) loopback.push(options.listenHost);
  const hosts = new Set(
    [...loopback.map((host) => hostWithPort(host, options.port)), ...options.allowHosts].map((h) =>
      h.toLowerCase(),
    ),
  );
  const origins = new Set([
    ...[...hosts].map((host) => `http://${host}`),
    ...BUILT_IN_ORIGINS,
    ...options.allowOrigins,
  ]);
  const tokenDigest = digest(options.token);
  return {
    tokenMatches: (candidate) => timingSafeEqual(digest(candidate), tokenDigest),
    hostAllowed: (host) => hosts.has(host.toLowerCase()),
    originAllowed: (origin) => origins.has(origin),
  };
}

/** The token of an `Authorization: Bearer <token>` header, if it has that form. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

/**
 * The token a request presents: the `?token=` query where the route takes one (the
 * WebSocket upgrade, the SSE form of the events route), else the bearer header.
 */
export function presentedToken(
  authorization: string | undefined,
  query: string | null | undefined,
): string | undefined {
  return query ?? bearerToken(authorization);
}

/** A 403 for a Host that is not the hub's own name (a rebound DNS name, say). */
export function refuseHost(policy: SecurityPolicy, host: string): HubError | undefined {
  return policy.hostAllowed(host)
    ? undefined
    : new HubError('forbidden', `Host "${host}" is not allowed`);
}

/** A 403 for an Origin the hub does not serve; no Origin at all is not a browser's cross-site call. */
export function refuseOrigin(
  policy: SecurityPolicy,
  origin: string | undefined,
): HubError | undefined {
  return origin === undefined || policy.originAllowed(origin)
    ? undefined
    : new HubError('forbidden', `Origin "${origin}" is not allowed`);
}
