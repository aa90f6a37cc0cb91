/**
 * Where the hub is and the token to show it. The hub opens the app as `…/#token=…` (a
 * fragment never reaches a server log); the token is moved to localStorage at once, keyed
 * by the hub's origin, and taken out of the address bar, so it is not bookmarked, shared or
 * kept in history, and a deep link (`#/jobs/<id>`) opens in any tab of this browser. A page
 * not served by the hub (a webview loading files) names the hub with `?hub=` or a build-time
 * `VITE_SIDECAST_HUB_URL`.
 */

export interface HubAddress {
  /** `undefined` when the page has no http(s) origin and nothing names the hub. */
  url: string | undefined;
  token: string | undefined;
}

/** The parts of `window` this reads and changes, so tests can pass their own. */
export interface PageContext {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The build-time hub address, if the build has one. */
  buildHubUrl: string | undefined;
}

const TOKEN_FRAGMENT = /^#token=([^&]*)/;
const STORAGE_PREFIX = 'sidecast.token:';

/** Read the hub's address and token from the page, moving a fragment token to storage. */
export function takeHubAddress(page: PageContext): HubAddress {
  const href = new URL(page.location.href);
  const url = hubUrlOf(href, page.buildHubUrl);
  const key = `${STORAGE_PREFIX}${url ?? ''}`;
  const match = TOKEN_FRAGMENT.exec(href.hash);
  if (match?.[1] !== undefined && match[1] !== '') {
    page.storage.setItem(key, decodeURIComponent(match[1]));
    href.hash = '#/';
    page.history.replaceState(null, '', href.toString());
  }
  return { url, token: page.storage.getItem(key) ?? undefined };
}

/** Forget the stored token of the hub at `url` (the hub refused it). */
export function forgetToken(page: PageContext, url: string): void {
  page.storage.removeItem(`${STORAGE_PREFIX}${url}`);
}

function hubUrlOf(href: URL, buildHubUrl: string | undefined): string | undefined {
  const named = href.searchParams.get('hub') ?? buildHubUrl;
  if (named !== undefined && named !== '') return new URL(named).origin;
  return href.protocol === 'http:' || href.protocol === 'https:' ? href.origin : undefined;
}

/** The page this app runs in. */
export function currentPage(): PageContext {
  return {
    location: window.location,
    history: window.history,
    storage: window.localStorage,
    buildHubUrl: import.meta.env.VITE_SIDECAST_HUB_URL,
  };
}
