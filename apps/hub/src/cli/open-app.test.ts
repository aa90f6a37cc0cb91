import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCommand, type OpenEnvironment } from './open-app.js';

const URL_ = 'http://127.0.0.1:8765/#token=abc&x=1';

function here(
  platform: NodeJS.Platform,
  executables: string[],
  env: NodeJS.ProcessEnv = { PATH: '/usr/local/bin:/usr/bin' },
): OpenEnvironment {
  return { platform, env, isExecutable: (path) => executables.includes(path) };
}

describe('openCommand', () => {
  it('opens an app-mode window of the first Chromium-family browser on PATH', () => {
    expect(
      openCommand(URL_, here('linux', ['/usr/bin/google-chrome', '/usr/bin/chromium'])),
    ).toEqual({
      command: '/usr/bin/chromium',
      args: [`--app=${URL_}`],
    });
  });

  it('finds Chrome where macOS installs it', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(openCommand(URL_, here('darwin', [chrome]))).toEqual({
      command: chrome,
      args: [`--app=${URL_}`],
    });
  });

  it('falls back to the default browser', () => {
    expect(openCommand(URL_, here('linux', []))).toEqual({ command: 'xdg-open', args: [URL_] });
    expect(openCommand(URL_, here('darwin', []))).toEqual({ command: 'open', args: [URL_] });
    expect(openCommand(URL_, here('win32', []))).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'http://127.0.0.1:8765/#token=abc^&x=1'],
    });
  });

  it('uses $BROWSER over everything', () => {
    const chosen = here('linux', ['/usr/bin/chromium'], { BROWSER: 'firefox', PATH: '/usr/bin' });
    expect(openCommand(URL_, chosen)).toEqual({ command: 'firefox', args: [URL_] });
  });
});

describe('sidecast --open', () => {
  it('starts the browser it finds with the app address, token included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sidecast-open-'));
    try {
      // A stand-in `chromium` first on PATH that writes down how it was started.
      const record = join(dir, 'args.txt');
      const browser = join(dir, 'chromium');
      await writeFile(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
      await chmod(browser, 0o755);
      const main = fileURLToPath(new URL('./main.ts', import.meta.url));
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', main, '--port', '0', '--data-dir', join(dir, 'data'), '--open'],
        {
          env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, BROWSER: '' },
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      try {
        const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
        const url = line.replace('Sidecast ready: ', '');
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
        let recorded = '';
        for (let tries = 0; tries < 100 && recorded === ''; tries++) {
          recorded = await readFile(record, 'utf8').catch(() => '');
          if (recorded === '') await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(recorded).toBe(`--app=${url}\n`);
      } finally {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
