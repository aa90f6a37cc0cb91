import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISOR_OPTIONS, workerSpawnSpec, withoutHubSecrets } from './options.js';

describe('workerSpawnSpec', () => {
  it('gives a worker the hub environment minus the token, with its package on PYTHONPATH', () => {
    const spec = workerSpawnSpec({
      ...DEFAULT_SUPERVISOR_OPTIONS,
      sidecarPath: '/opt/sidecast/python',
      env: { SIDECAST_TOKEN: 'secret', HOME: '/home/me', PYTHONPATH: '/mine' },
    });
    expect(spec.env).toEqual({ HOME: '/home/me', PYTHONPATH: '/opt/sidecast/python:/mine' });
  });
});

describe('withoutHubSecrets', () => {
  it('leaves the environment it was given alone', () => {
    const env = { SIDECAST_TOKEN: 'secret', PATH: '/bin' };
    expect(withoutHubSecrets(env)).toEqual({ PATH: '/bin' });
    expect(env.SIDECAST_TOKEN).toBe('secret');
  });
});
