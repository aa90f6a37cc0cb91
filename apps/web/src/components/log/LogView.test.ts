import { mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { LogLine } from '../../job-view/timeline.js';
import type { LogSnapshot } from '../../stores/job-view.js';
import LogView from './LogView.vue';

const lines = (count: number): LogLine[] =>
  Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    seq: i + 1,
    ts: 0,
    stream: i % 10 === 0 ? 'stderr' : 'stdout',
    level: 'info',
    text: `line ${String(i + 1)}`,
  }));

/**
 * happy-dom does no layout: give the scroller the geometry of a 400 px box of 20 px rows,
 * and fire `scroll` when its position changes, as a browser does.
 */
function layOut(
  wrapper: VueWrapper,
  rows: () => number,
): HTMLElement & { moveUnreported(top: number): void } {
  const scroller = wrapper.find('[data-test=log-scroller]').element as HTMLElement & {
    moveUnreported(top: number): void;
  };
  let top = 0;
  // A scroll the browser has made but not yet reported (it reports once a frame).
  scroller.moveUnreported = (value) => {
    top = value;
  };
  Object.defineProperties(scroller, {
    clientHeight: { get: () => 400 },
    scrollHeight: { get: () => rows() * 20 },
    scrollTop: {
      get: () => top,
      set: (value: number) => {
        const next = Math.max(0, Math.min(value, rows() * 20 - 400));
        if (next === top) return;
        top = next;
        scroller.dispatchEvent(new Event('scroll'));
      },
    },
  });
  return scroller;
}

async function scrollTo(scroller: HTMLElement, top: number): Promise<void> {
  scroller.scrollTop = top;
  await nextTick();
}

describe('LogView', () => {
  it('follows the tail, pauses when scrolled up, counts new lines, and resumes from the button', async () => {
    const all = lines(1000);
    let log: LogSnapshot = { lines: all, count: 100, generation: 1 };
    const wrapper = mount(LogView, { props: { log, filename: 'x.log' } });
    const scroller = layOut(wrapper, () => log.count);
    const grow = async (count: number) => {
      log = { ...log, count };
      await wrapper.setProps({ log });
      await nextTick();
    };

    await grow(200);
    expect(scroller.scrollTop).toBe(200 * 20 - 400);
    await scrollTo(scroller, 1000);
    await grow(260);
    expect(scroller.scrollTop).toBe(1000);
    expect(wrapper.find('[data-test=new-lines]').text()).toBe('60 new lines ↓');

    await wrapper.find('[data-test=new-lines]').trigger('click');
    await nextTick();
    expect(scroller.scrollTop).toBe(260 * 20 - 400);
    expect(wrapper.find('[data-test=new-lines]').exists()).toBe(false);
    await grow(300);
    expect(scroller.scrollTop).toBe(300 * 20 - 400);
  });

  it('keeps a scroll-up that new lines arrive before the browser reports', async () => {
    let log: LogSnapshot = { lines: lines(1000), count: 100, generation: 1 };
    const wrapper = mount(LogView, { props: { log, filename: 'x.log' } });
    const scroller = layOut(wrapper, () => log.count);
    log = { ...log, count: 200 };
    await wrapper.setProps({ log });
    await nextTick();
    expect(scroller.scrollTop).toBe(200 * 20 - 400);

    scroller.moveUnreported(500);
    log = { ...log, count: 230 };
    await wrapper.setProps({ log });
    await nextTick();
    expect(scroller.scrollTop).toBe(500);
    expect(wrapper.find('[data-test=new-lines]').text()).toBe('30 new lines ↓');
  });

  it('counts and filters lines', async () => {
    const log: LogSnapshot = { lines: lines(30), count: 30, generation: 1 };
    const wrapper = mount(LogView, { props: { log, filename: 'x.log' } });
    expect(wrapper.find('[data-test=log-count]').text()).toBe('30 lines');
    await wrapper.find('[data-test=log-filter]').setValue('line 2');
    expect(wrapper.find('[data-test=log-count]').text()).toBe('11 of 30 lines');
  });
});
