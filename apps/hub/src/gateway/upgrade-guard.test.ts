import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { securityPolicy } from '../http/security/policy.js';
import { checkUpgrade } from './upgrade-guard.js';

const TOKEN = 'a-token-of-at-least-16-chars';
const policy = securityPolicy({
  token: TOKEN,
  port: 8765,
  listenHost: '127.0.0.1',
  allowHosts: [],
  allowOrigins: [],
});

function upgrade(url: string, headers: Record<string, string> = {}): IncomingMessage {
  return { url, headers: { host: '127.0.0.1:8765', ...headers } } as unknown as IncomingMessage;
}

function codeOf(request: IncomingMessage): string | undefined {
  return checkUpgrade(request, policy)?.code;
}

describe('checkUpgrade', () => {
  it('accepts the token in the query or in an Authorization header', () => {
    expect(codeOf(upgrade(`/ws?token=${TOKEN}`))).toBeUndefined();
    expect(codeOf(upgrade('/ws', { authorization: `Bearer ${TOKEN}` }))).toBeUndefined();
    expect(
      codeOf(upgrade(`/ws?token=${TOKEN}`, { origin: 'http://127.0.0.1:8765' })),
    ).toBeUndefined();
  });

  it('refuses a missing or wrong token with 401', () => {
    for (const request of [
      upgrade('/ws'),
      upgrade('/ws?token=wrong'),
      upgrade('/ws', { authorization: 'Bearer nope' }),
    ]) {
      expect(checkUpgrade(request, policy)).toMatchObject({ code: 'unauthorized', status: 401 });
    }
  });

  it('refuses a foreign Host, a foreign Origin and Origin: null with 403, before the token', () => {
    expect(codeOf(upgrade('/ws', { host: 'evil.example:8765' }))).toBe('forbidden');
    expect(codeOf(upgrade(`/ws?token=${TOKEN}`, { origin: 'https://evil.example' }))).toBe(
      'forbidden',
    );
    expect(codeOf(upgrade(`/ws?token=${TOKEN}`, { origin: 'null' }))).toBe('forbidden');
  });

  it('refuses other paths with 404', () => {
    expect(codeOf(upgrade(`/api/ws?token=${TOKEN}`))).toBe('not_found');
  });
});
