/** The log view's settings that outlive a page: whether long lines wrap. */
const WRAP_KEY = 'sidecast.log.wrap';

export function wrapPreferred(): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem(WRAP_KEY) === 'on';
}

export function preferWrap(on: boolean): void {
  try {
    localStorage.setItem(WRAP_KEY, on ? 'on' : 'off');
  } catch {
    // A full or disabled storage only forgets the choice.
  }
}
