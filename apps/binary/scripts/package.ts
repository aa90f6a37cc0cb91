/**
 * `pnpm package`: build `dist/bin/sidecast` (`sidecast.exe` on Windows), one executable that
 * carries the hub, the built web app and `sidecast.pyz`, for the platform and architecture
 * of the Node running this script (Node's SEA cannot cross-build).
 *
 *   1. bundle `src/main.ts` and everything it imports into one CommonJS script (esbuild);
 *   2. list the web app's files and the pyz as SEA assets, with a manifest and its hash;
 *   3. `node --experimental-sea-config` writes the blob;
 *   4. copy this Node (stripped of its debug symbols where `strip` exists) and inject the
 *      blob with postject (macOS: unsign first, sign ad hoc after).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { inject } from 'postject';
import { MANIFEST_KEY, PYZ_KEY, WEB_PREFIX, type Manifest } from '../src/payload.js';

const HERE = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(HERE, '..', '..');
const WORK = join(HERE, 'dist');
const OUTPUT = join(
  ROOT,
  'dist',
  'bin',
  process.platform === 'win32' ? 'sidecast.exe' : 'sidecast',
);
/** The fuse Node's SEA loader looks for (Node's documentation names it). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * What postject's ELF reader (LIEF) says of every Linux Node binary, stripped or not: it cannot
 * name Node's note sections. It leaves them as they are, and the executable runs.
 */
const LIEF_NOISE = /^warning: Can't find string offset for section name '\.note[^']*'$/;

/** Run `work` with the `console.warn` lines matching `noise` dropped (postject's wasm prints there). */
async function quietly<T>(noise: RegExp, work: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(args.length === 1 && typeof args[0] === 'string' && noise.test(args[0]))) warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

/** A workspace package this one depends on, through its node_modules link. */
const packageRoot = (name: string): string => join(HERE, 'node_modules', name);

/**
 * The hub reads its version from the package.json beside its code at run time; inside the
 * executable nothing is beside it, so the bundle gets the version fixed now.
 */
function fixedHubVersion(version: string): Plugin {
  return {
    name: 'fixed-hub-version',
    setup(builder) {
      builder.onLoad({ filter: /[\\/]hub[\\/]dist[\\/]version\.js$/ }, () => ({
        contents: `export const HUB_VERSION = ${JSON.stringify(version)};`,
        loader: 'js',
      }));
    },
  };
}

/**
 * ws tries to load two optional native speed-ups and works without them; inside the
 * executable they can never load (and asking Node prints a warning), so they fail at once.
 */
const withoutNativeAddons: Plugin = {
  name: 'without-native-addons',
  setup(builder) {
    builder.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({
      path: args.path,
      namespace: 'absent',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in the executable`)});`,
      loader: 'js',
    }));
  },
};

async function bundle(outfile: string): Promise<void> {
  const hub = JSON.parse(
    await readFile(join(packageRoot('@sidecast/hub'), 'package.json'), 'utf8'),
  ) as { version: string };
  await build({
    entryPoints: [join(HERE, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Modules written for ESM locate files from import.meta.url; what they locate is
    // unpacked elsewhere (the payload), so the executable's own path stands in.
    banner: { js: 'var __sidecastUrl = require("node:url").pathToFileURL(process.execPath).href;' },
    define: { 'import.meta.url': '__sidecastUrl' },
    plugins: [fixedHubVersion(hub.version), withoutNativeAddons],
  });
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** SEA asset keys → files, the manifest among them. */
async function assets(): Promise<Record<string, string>> {
  const webDist = join(packageRoot('@sidecast/web'), 'dist');
  const byKey: Record<string, string> = {};
  for (const file of await filesUnder(webDist))
    byKey[WEB_PREFIX + relative(webDist, file).split(sep).join('/')] = file;
  byKey[PYZ_KEY] = join(packageRoot('@sidecast/python'), 'dist', 'sidecast.pyz');
  const digest = createHash('sha256');
  const keys = Object.keys(byKey).sort();
  for (const key of keys) digest.update(`${key}\0`).update(await readFile(byKey[key] ?? ''));
  const manifest: Manifest = { hash: digest.digest('hex').slice(0, 16), keys };
  const manifestFile = join(WORK, MANIFEST_KEY);
  await writeFile(manifestFile, JSON.stringify(manifest));
  return { ...byKey, [MANIFEST_KEY]: manifestFile };
}

/** A copy of this Node to inject into, as small as it can be made here. */
function copyNode(target: string): Promise<void> {
  if (process.platform === 'linux') {
    try {
      execFileSync('strip', ['-o', target, process.execPath], { stdio: 'ignore' });
      return Promise.resolve();
    } catch {
      // No binutils on this machine: the unstripped copy works the same, only larger.
    }
  }
  return copyFile(process.execPath, target);
}

async function main(): Promise<void> {
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  await mkdir(dirname(OUTPUT), { recursive: true });
  const script = join(WORK, 'sidecast.cjs');
  const blob = join(WORK, 'sidecast.blob');
  await bundle(script);
  const config = {
    main: script,
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    assets: await assets(),
  };
  await writeFile(join(WORK, 'sea-config.json'), JSON.stringify(config, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', join(WORK, 'sea-config.json')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  await rm(OUTPUT, { force: true });
  await copyNode(OUTPUT);
  await chmod(OUTPUT, 0o755);
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', OUTPUT]);
  const blobBytes = await readFile(blob);
  await quietly(LIEF_NOISE, () =>
    inject(OUTPUT, 'NODE_SEA_BLOB', blobBytes, {
      sentinelFuse: SEA_FUSE,
      ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
    }),
  );
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', OUTPUT]);

  const size = (await stat(OUTPUT)).size;
  process.stdout.write(
    `built ${relative(ROOT, OUTPUT)} for ${process.platform}-${process.arch} ` +
      `(${(size / 2 ** 20).toFixed(1)} MiB, Node ${process.versions.node})\n`,
  );
}

await main();
