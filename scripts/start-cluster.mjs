#!/usr/bin/env node
// `pnpm start:cluster`: a local cluster (DESIGN §11) to try cluster mode on one machine: a
// redis-server on a free port, then three hubs on it sharing one token, each with its own
// data dir under .sidecast-cluster/. Prints where each hub is; Ctrl-C stops them all.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HUBS = ['a', 'b', 'c'];
const root = fileURLToPath(new URL('..', import.meta.url));
const dataRoot = join(root, '.sidecast-cluster');
const main = join(root, 'apps/hub/dist/cli/main.js');

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis(port) {
  const dir = join(dataRoot, 'redis');
  mkdirSync(dir, { recursive: true });
  const redis = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    redis.once('spawn', resolve);
    redis.once('error', () =>
      reject(
        new Error(
          'redis-server is not installed (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)',
        ),
      ),
    );
  });
  return redis;
}

function startHub(name, redisUrl, token) {
  const hub = spawn(
    process.execPath,
    [
      main,
      '--ready-json',
      '--port',
      '0',
      '--redis',
      redisUrl,
      '--token',
      token,
      '--data-dir',
      join(dataRoot, name),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    hub.once('exit', (code) => reject(new Error(`hub ${name} exited with ${String(code)}`)));
    createInterface({ input: hub.stdout }).once('line', (line) => {
      const ready = JSON.parse(line);
      resolve({ name, hub, url: ready.url });
    });
  });
}

const children = [];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  const port = await freePort();
  const redis = await startRedis(port);
  children.push(redis);
  const redisUrl = `redis://127.0.0.1:${String(port)}`;
  const token = randomBytes(24).toString('base64url');
  // Wait for Redis to accept connections before the hubs try it.
  for (let tries = 0; ; tries++) {
    try {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.destroy();
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const hubs = [];
  for (const name of HUBS) {
    const started = await startHub(name, redisUrl, token);
    children.push(started.hub);
    hubs.push(started);
  }
  console.log(`Sidecast cluster on ${redisUrl} (data in ${dataRoot}):`);
  for (const { name, url } of hubs) console.log(`  hub ${name}: ${url}`);
  console.log('Open any of them: every hub lists and streams every job. Ctrl-C stops the cluster.');
  await Promise.all(children.map((child) => once(child, 'exit')));
} catch (error) {
  console.error(`start:cluster: ${error.message}`);
  stop();
  process.exitCode = 1;
}
