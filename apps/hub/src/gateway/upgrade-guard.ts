/**
 * The checks of DESIGN §6 for a WebSocket upgrade, made on the bare HTTP request before
 * any WebSocket exists: Host, Origin, path and token. A refused upgrade is answered with
 * a plain HTTP error response, so no session is ever created for it.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { HubError } from '../hub-error.js';
import {
  presentedToken,
  refuseHost,
  refuseOrigin,
  type SecurityPolicy,
} from '../http/security/policy.js';

/** The path the WebSocket lives on. */
export const WS_PATH = '/ws';

/** Why this upgrade must be refused, or `undefined` to accept it. */
export function checkUpgrade(
  request: IncomingMessage,
  policy: SecurityPolicy,
): HubError | undefined {
  const refusal =
    refuseHost(policy, request.headers.host ?? '') ?? refuseOrigin(policy, request.headers.origin);
  if (refusal !== undefined) return refusal;
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  if (url.pathname !== WS_PATH) return new HubError('not_found', `no WebSocket at ${url.pathname}`);
  // Browsers cannot set headers on a WebSocket, hence the query form.
  const token = presentedToken(request.headers.authorization, url.searchParams.get('token'));
  if (token === undefined || !policy.tokenMatches(token))
    return new HubError(
      'unauthorized',
      token ? 'the token is not valid' : 'connect with ?token=<token>',
    );
  return undefined;
}

/** Answer a refused upgrade with an HTTP error and the usual error body, then hang up. */
export function refuseUpgrade(socket: Duplex, error: HubError): void {
  const body = JSON.stringify({ error: error.toInfo() });
  socket.end(
    `HTTP/1.1 ${String(error.status)} ${STATUS_CODES[error.status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${String(Buffer.byteLength(body))}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
