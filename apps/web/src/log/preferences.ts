/** The log view's settings that outlive a page: whether long lines wrap, whether times show. */
const WRAP_KEY = 'sidecast.log.wrap';
const TIMES_KEY = 'sidecast.log.times';

function read(key: string): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem(key) === 'on';
}

function write(key: string, on: boolean): void {
  try {
    localStorage.setItem(key, on ? 'on' : 'off');
  } catch {
    // A full or disabled storage only forgets the choice.
  }
}

export const wrapPreferred = (): boolean => read(WRAP_KEY);
export const preferWrap = (on: boolean): void => {
  write(WRAP_KEY, on);
};
export const timesPreferred = (): boolean => read(TIMES_KEY);
export const preferTimes = (on: boolean): void => {
  write(TIMES_KEY, on);
};
