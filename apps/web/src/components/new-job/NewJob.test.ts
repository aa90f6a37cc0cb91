import { flushPromises, mount } from '@vue/test-utils';
import type { FetchLike } from '@sidecast/client';
import type { JobType } from '@sidecast/protocol';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { useConnectionStore } from '../../stores/connection.js';
import { connectToDouble, type HubDouble } from '../../testing/hub-double.js';
import NewJob from './NewJob.vue';

const STREAM: JobType = {
  name: 'demo.stream',
  title: 'Stream log lines',
  description: 'Logs `lines` lines.',
  interactive: false,
  params: {
    type: 'object',
    properties: {
      lines: { type: 'integer', default: 100 },
      mode: { enum: ['fast', 'slow'], default: 'fast' },
      tags: { type: 'array', items: { type: 'string' } },
      verbose: { type: 'boolean', default: false },
    },
  },
};

/** `/api/job-types`, as the hub answers it. */
const jobTypesFetch: FetchLike = () =>
  Promise.resolve(new Response(JSON.stringify({ jobTypes: [STREAM] }), { status: 200 }));

describe('NewJob', () => {
  let double: HubDouble;
  let router: Router;
  beforeEach(async () => {
    setActivePinia(createPinia());
    double = connectToDouble(jobTypesFetch);
    router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/new/:jobType?', component: NewJob, props: true },
        { path: '/jobs/:id', component: { template: '<p>job</p>' } },
      ],
    });
    await router.push('/new/demo.stream');
  });
  afterEach(() => {
    useConnectionStore().disconnect();
  });

  async function mountForm() {
    const wrapper = mount(NewJob, {
      props: { jobType: 'demo.stream' },
      global: { plugins: [router] },
    });
    await double.settle();
    await flushPromises();
    return wrapper;
  }

  it('draws a field per param, with the defaults filled in', async () => {
    const wrapper = await mountForm();
    expect(wrapper.find('h2').text()).toBe('Stream log lines');
    expect(wrapper.find('.description code').text()).toBe('lines');
    expect((wrapper.find('input[name=lines]').element as HTMLInputElement).value).toBe('100');
    expect((wrapper.find('select[name=mode]').element as HTMLSelectElement).value).toBe('"fast"');
    expect(wrapper.find('textarea[name=tags]').exists()).toBe(true);
    expect((wrapper.find('input[type=checkbox]').element as HTMLInputElement).checked).toBe(false);
  });

  it('sends typed params and opens the new job', async () => {
    const wrapper = await mountForm();
    await wrapper.find('input[name=lines]').setValue('7');
    await wrapper.find('textarea[name=tags]').setValue('a\nb');
    await wrapper.find('input[type=checkbox]').setValue(true);
    await wrapper.find('form').trigger('submit');
    await double.settle();
    const start = double.received('start')[0];
    expect(start).toMatchObject({
      jobType: 'demo.stream',
      params: { lines: 7, mode: 'fast', tags: ['a', 'b'], verbose: true },
    });
    double.send({
      type: 'ack',
      id: start?.id ?? '',
      result: {
        job: {
          id: 'j9',
          jobType: 'demo.stream',
          params: {},
          state: 'queued',
          createdAt: 1,
          head: 1,
        },
      },
    });
    await double.settle();
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/jobs/j9');
  });

  it("shows the hub's invalid_params issues next to their fields", async () => {
    const wrapper = await mountForm();
    await wrapper.find('form').trigger('submit');
    await double.settle();
    const start = double.received('start')[0];
    double.send({
      type: 'nack',
      id: start?.id ?? '',
      error: {
        code: 'invalid_params',
        message: 'the params do not match demo.stream',
        issues: [{ path: ['params', 'lines'], message: 'must be <= 50' }],
      },
    });
    await double.settle();
    await flushPromises();
    expect(wrapper.find('[data-test=field-lines] [data-test=field-error]').text()).toBe(
      'Lines must be <= 50',
    );
    expect(wrapper.find('[data-test=form-error]').exists()).toBe(false);
    expect(router.currentRoute.value.path).toBe('/new/demo.stream');
  });

  it('checks a field before sending anything', async () => {
    const wrapper = await mountForm();
    await wrapper.find('input[name=lines]').setValue('1.5');
    await wrapper.find('form').trigger('submit');
    await double.settle();
    expect(double.received('start')).toEqual([]);
    expect(wrapper.find('[data-test=field-lines] [data-test=field-error]').text()).toBe(
      'Lines must be a whole number',
    );
  });
});
