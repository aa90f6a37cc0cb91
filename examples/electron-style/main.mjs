// The main process of a desktop app that embeds Sidecast, written as an Electron one would be,
// without Electron itself (it cannot run here): each comment names the Electron call that
// takes the place of the line below it. Run it with `pnpm start`; it prints one JSON line per
// event and stops the hub and its workers when asked to quit (Ctrl-C, SIGTERM).
import { join } from 'node:path';
import { homedir } from 'node:os';
import process from 'node:process';
import { startHub, stderrLogger } from '@sidecast/hub';

/** What the app tells its window (Electron: `win.webContents.send('sidecast', event)`). */
function tell(event) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

// Electron: `join(app.getPath('userData'), 'sidecast')`, so jobs outlive a restart of the app.
const dataDir = process.env.APP_DATA_DIR ?? join(homedir(), '.electron-style-example', 'sidecast');

// Electron: inside `app.whenReady().then(…)`.
const hub = await startHub({
  port: 0, // any free port: two copies of the app never collide
  dataDir,
  log: stderrLogger(),
});
hub.supervisor.on('status', (status) => {
  tell({ event: 'status', state: status.state, workers: status.workers.length });
});

// Electron: `new BrowserWindow().loadURL(hub.url)`. The page is the hub's own (same origin),
// the token rides in the URL's fragment, and the app keeps it from there.
tell({ event: 'ready', url: hub.url });

let quitting;
// Electron: `app.on('before-quit', (e) => { e.preventDefault(); quit().then(() => app.exit(0)) })`.
function quit() {
  quitting ??= hub.close().then(() => {
    tell({ event: 'stopped' });
    process.exit(0);
  });
  return quitting;
}
process.once('SIGINT', quit);
process.once('SIGTERM', quit);
