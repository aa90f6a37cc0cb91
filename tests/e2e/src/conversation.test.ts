/**
 * An interactive job's conversation is its main pane (the log is a tab): Enter sends,
 * Shift+Enter starts a new line, a message sent while a reply streams does not split that
 * reply, and the streamed tokens are not repeated in the Data panel.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

const reply = (text: string): string => {
  const words = text.split(/\s+/).filter(Boolean).length;
  const reversed = Array.from(text).reverse().join('');
  return `You said "${text}": ${String(words)} word${words === 1 ? '' : 's'}, ${String(text.length)} characters. Backwards it reads "${reversed}".`;
};

describe('the conversation of an interactive job', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterEach(() => app.closePages());
  afterAll(() => app.stop());

  it('is the main pane, takes new lines, and keeps a reply whole', async () => {
    const { id } = await app.live.client().start('demo.chat', { delay: 0.12 });
    const page = await app.open(`/jobs/${id}`);
    await waitForJob(page, 'running');
    const conversationTab = page.locator('[data-test=pane-tab][data-key=conversation]');
    expect(await conversationTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[data-test=log]').isVisible()).toBe(false);

    const input = page.locator('[data-test=chat-input]');
    await input.fill('line one');
    await input.press('Shift+Enter');
    await input.pressSequentially('line two');
    expect(await input.inputValue()).toBe('line one\nline two');
    expect(await page.locator('[data-test=chat-turn]').count()).toBe(0);

    await input.press('Enter');
    const jobTurns = page.locator('[data-test=chat-turn][data-from=job]');
    // Mid-reply: the job has streamed some of its answer and not all of it.
    await jobTurns.first().waitFor();
    expect(await jobTurns.first().textContent()).not.toContain('Backwards');
    await input.fill('again');
    await input.press('Enter');

    const first = reply('line one\nline two');
    const second = reply('again');
    const turns = page.locator('[data-test=chat-turn]');
    await expect
      .poll(async () => (await turns.allInnerTexts()).map((text) => text.trim()), {
        timeout: 15_000,
      })
      .toEqual(['line one\nline two', first, 'again', second]);
    expect(await turns.evaluateAll((items) => items.map((item) => item.dataset.from))).toEqual([
      'viewer',
      'job',
      'viewer',
      'job',
    ]);
    expect(await page.locator('[data-test=data]').count()).toBe(0);
    for (const width of [360, 768, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, `conversation-${String(width)}`);
    }

    await page.locator('[data-test=pane-tab][data-key=log]').click();
    await expect.poll(() => page.locator('[data-test=log]').isVisible()).toBe(true);
    await page.locator('[data-test=log-row]', { hasText: second }).waitFor();
  });

  it('ends when told to, with the turns counted', async () => {
    const { id } = await app.live.client().start('demo.chat', { delay: 0 });
    const page = await app.open(`/jobs/${id}`);
    await waitForJob(page, 'running');
    const input = page.locator('[data-test=chat-input]');
    await input.fill('{"end": true}');
    await input.press('Enter');
    await waitForJob(page, 'completed');
    expect(await input.isDisabled()).toBe(true);
  });
});
