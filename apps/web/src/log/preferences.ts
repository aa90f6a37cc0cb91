/** The log view's settings that outlive a page: whether long lines wrap, whether times show. */
import { readStored, writeStored } from '../persistence/browser-storage.js';

const WRAP_KEY = 'sidecast.log.wrap';
const TIMES_KEY = 'sidecast.log.times';

export const wrapPreferred = (): boolean => readStored(WRAP_KEY) === 'on';
export const preferWrap = (on: boolean): void => {
  writeStored(WRAP_KEY, on ? 'on' : 'off');
};
export const timesPreferred = (): boolean => readStored(TIMES_KEY) === 'on';
export const preferTimes = (on: boolean): void => {
  writeStored(TIMES_KEY, on ? 'on' : 'off');
};
