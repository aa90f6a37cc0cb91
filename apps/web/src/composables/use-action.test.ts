import { describe, expect, it } from 'vitest';
import { useAction } from './use-action.js';

describe('useAction', () => {
  describe('#run', () => {
    it('is busy while the action runs and keeps no error when it succeeds', async () => {
      let release = (): void => undefined;
      const action = useAction(() => new Promise<void>((resolve) => (release = resolve)));
      const running = action.run();
      expect(action.busy.value).toBe(true);
      release();
      await running;
      expect([action.busy.value, action.error.value]).toEqual([false, undefined]);
    });

    it("keeps the failure's message, and clears it on the next run", async () => {
      let fail = true;
      const action = useAction((why: string) =>
        fail ? Promise.reject(new Error(why)) : Promise.resolve(),
      );
      await action.run('the hub said no');
      expect([action.busy.value, action.error.value]).toEqual([false, 'the hub said no']);
      fail = false;
      await action.run('unused');
      expect(action.error.value).toBeUndefined();
    });
  });
});
