/**
 * The first screen's JavaScript stays under 150 KB gzipped: the entry script and every
 * module it preloads, as `index.html` names them. Previews, the Markdown renderer and the
 * JSON tree load the first time one opens, so they are not in it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLED_WEB_ROOT } from '@sidecast/hub';
import { describe, expect, it } from 'vitest';

const FIRST_SCREEN_LIMIT = 150 * 1024;

/** The scripts a browser fetches before the app can draw: `src` of module scripts, and modulepreloads. */
function firstScreenScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (match) => match[1],
  );
  return [...scripts, ...preloads].filter((path): path is string => path !== undefined);
}

describe('the built web app', () => {
  it('sends under 150 KB of gzipped JavaScript for its first screen', async () => {
    const html = await readFile(join(BUNDLED_WEB_ROOT, 'index.html'), 'utf8');
    const scripts = firstScreenScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const script of scripts)
      gzipped += gzipSync(await readFile(join(BUNDLED_WEB_ROOT, script))).byteLength;
    expect(gzipped).toBeLessThan(FIRST_SCREEN_LIMIT);
  });

  it('keeps the previews out of the first screen', async () => {
    const html = await readFile(join(BUNDLED_WEB_ROOT, 'index.html'), 'utf8');
    const scripts = firstScreenScripts(html).join(' ');
    expect(scripts).not.toMatch(/ArtifactPreview/);
    const entry = await readFile(join(BUNDLED_WEB_ROOT, firstScreenScripts(html)[0] ?? ''), 'utf8');
    // markdown-it names its token types; none of them is in the entry (asserted as a
    // boolean, so a failure does not print the whole bundle).
    expect(entry.includes('html_inline')).toBe(false);
  });
});
