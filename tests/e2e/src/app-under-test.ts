/**
 * A real hub serving the built web app, a Chromium, and helpers that read the app the way
 * a person would: rendered rows, pills, banners.
 */
import { BUNDLED_WEB_ROOT, type HubOptions } from '@sidecast/hub';
import { startLiveHub, type LiveHub } from '@sidecast/test-support';
import type { Params } from '@sidecast/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.js';

export interface AppUnderTest {
  live: LiveHub;
  browser: Browser;
  /** A new page, in a window of its own, with the app open at `route`, token and all. */
  open(route?: string): Promise<Page>;
  /** Close every page opened so far, so the next test starts with none in the background. */
  closePages(): Promise<void>;
  stop(): Promise<void>;
}

export async function startApp(options: Partial<HubOptions> = {}): Promise<AppUnderTest> {
  const live = await startLiveHub({ webRoot: BUNDLED_WEB_ROOT, ...options });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await live.stop();
    throw error;
  });
  const contexts: BrowserContext[] = [];
  return {
    live,
    browser,
    async open(route = '/') {
      // A window of its own for each page: tabs of one window hide each other, and a
      // hidden tab draws (and scrolls) at about one frame a second.
      const context = await browser.newContext({
        viewport: { width: 1360, height: 860 },
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${live.hub.origin}/#token=${live.hub.token}`);
      await page.locator('[data-test=connection][data-state=live]').waitFor();
      if (route !== '/') await page.goto(`${live.hub.origin}/#${route}`);
      return page;
    },
    async closePages() {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    },
    async stop() {
      await browser.close();
      await live.stop();
    },
  };
}

/**
 * Start a job (as another client would) and point every page at it once it exists, so the
 * pages watch it from its first event, however slow the machine is at opening them.
 */
export async function watchNewJob(
  app: AppUnderTest,
  pages: Page[],
  jobType: string,
  params: Params,
): Promise<string> {
  const job = await app.live.client().start(jobType, params);
  await Promise.all(pages.map((page) => page.goto(`${app.live.hub.origin}/#/jobs/${job.id}`)));
  return job.id;
}

/** The job shown by `page`, once its log holds `lines` lines and its pill says `state`. */
export async function waitForJob(page: Page, state: string, lines?: number): Promise<void> {
  await page.locator(`[data-test=job-view] [data-test=state-pill][data-state=${state}]`).waitFor();
  if (lines !== undefined)
    await page
      .locator('[data-test=log-count]', {
        hasText: new RegExp(`^\\s*${lines.toLocaleString('en')} lines?`),
      })
      .waitFor();
}

/** The job id in the page's address (`#/jobs/<id>`). */
export function jobIdOf(page: Page): string {
  const id = /#\/jobs\/([^/?]+)/.exec(page.url())?.[1];
  if (id === undefined) throw new Error(`no job in ${page.url()}`);
  return id;
}

/**
 * Every log row the page renders, read by scrolling the virtual list from top to bottom:
 * `[lineNumber, text]` sorted by line number. A line drawn at two places, or with two
 * texts, appears twice, so "exactly once" is a check on the result's length too.
 */
export async function renderedLines(page: Page): Promise<[number, string][]> {
  return page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-test=log-scroller]');
    if (scroller === null) throw new Error('no log on the page');
    const frame = (): Promise<void> =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            resolve();
          }),
        ),
      );
    const drawn = new Map<number, Set<string>>();
    scroller.scrollTop = 0;
    await frame();
    for (;;) {
      for (const row of scroller.querySelectorAll<HTMLElement>('[data-test=log-row]')) {
        const number = Number(row.dataset.line);
        const text = row.querySelector('.text')?.textContent ?? '';
        const places = drawn.get(number) ?? new Set();
        places.add(`${row.style.transform}\u0000${text}`);
        drawn.set(number, places);
      }
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(20, scroller.clientHeight - 60);
      await frame();
    }
    return [...drawn]
      .sort(([a], [b]) => a - b)
      .flatMap(([number, places]) =>
        [...places].map((place): [number, string] => [number, place.split('\u0000')[1] ?? '']),
      );
  });
}

/** `line 1 of n` … `line n of n`, what demo.stream logs. */
export function streamLines(n: number): [number, string][] {
  return Array.from({ length: n }, (_, i): [number, string] => [
    i + 1,
    `line ${String(i + 1)} of ${String(n)}`,
  ]);
}
