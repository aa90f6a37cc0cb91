/**
 * `sidecast --open`: show the app. A Chromium-family browser opens it as an app window
 * (`--app=URL`: no tabs or address bar, its own taskbar entry), which is the desktop
 * experience without an extra runtime; without one, the system's default browser opens it.
 * `$BROWSER` wins over both, as with Jupyter and xdg-open.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Logger } from '../logger.js';

export interface OpenCommand {
  command: string;
  args: string[];
}

export interface OpenEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Whether `path` is an executable file. */
  isExecutable(path: string): boolean;
}

/** Chromium-family browsers that take `--app=URL`, by platform, in order of preference. */
export const APP_BROWSERS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: [
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
    'microsoft-edge',
    'brave-browser',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** How to open `url` here: `$BROWSER`, an app-mode window, or the default browser. */
export function openCommand(url: string, here: OpenEnvironment): OpenCommand {
  const chosen = here.env.BROWSER?.trim();
  if (chosen !== undefined && chosen !== '') return { command: chosen, args: [url] };
  for (const browser of APP_BROWSERS[here.platform] ?? []) {
    const path = findExecutable(browser, here);
    if (path !== undefined) return { command: path, args: [`--app=${url}`] };
  }
  if (here.platform === 'darwin') return { command: 'open', args: [url] };
  // `start`'s first quoted argument is the window title; `&` would end the command.
  if (here.platform === 'win32')
    return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

function findExecutable(name: string, here: OpenEnvironment): string | undefined {
  if (isAbsolute(name)) return here.isExecutable(name) ? name : undefined;
  for (const folder of (here.env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const path = join(folder, name);
    if (here.isExecutable(path)) return path;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Open the app in a detached process: the hub neither waits for the browser nor takes it down. */
export function openApp(url: string, log: Logger): void {
  const { command, args } = openCommand(url, {
    platform: process.platform,
    env: process.env,
    isExecutable,
  });
  const failed = (reason: string): void => {
    log('warning', `could not open a browser (${command}: ${reason}); open the printed address`);
  };
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', (error) => {
      failed(error.message);
    });
    child.unref();
  } catch (error) {
    failed((error as Error).message);
  }
}
