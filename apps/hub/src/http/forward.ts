/**
 * Serving a request from the hub that has what it asks for (DESIGN §11: a job's artifacts
 * stay on the disk of the hub that ran it). The request goes to that hub's own address
 * with the cluster's token, and its answer comes back as it is: the same status, headers
 * and checks as a local download. While that hub is away the answer is 503 `unavailable`.
 */
import type { Context } from 'hono';
import { HubError } from '../hub-error.js';

/** The hub's own REST address, while it is registered. */
export type HubAddressBook = (hub: string) => Promise<string | undefined>;

/** Headers of the owner's answer that are the route's, passed on as they are. */
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
];

/** Answers `c` from `hub`. */
export type Forwarder = (c: Context, hub: string) => Promise<Response>;

/** A forwarder that finds hubs in `addresses` and shows them the cluster's `token`. */
export function hubForwarder(addresses: HubAddressBook, token: string): Forwarder {
  return (c, hub) => forward(c, hub, addresses, token);
}

async function forward(
  c: Context,
  hub: string,
  addresses: HubAddressBook,
  token: string,
): Promise<Response> {
  const address = await addresses(hub);
  const away = new HubError(
    'unavailable',
    `this job's files are on hub ${hub}, which is not answering; try again once it is back`,
  );
  if (address === undefined) throw away;
  const url = new URL(c.req.url);
  let answer: Response;
  try {
    answer = await fetch(`${address}${url.pathname}${url.search}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: c.req.raw.signal,
    });
  } catch {
    throw away;
  }
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(answer.body, { status: answer.status, headers });
}
