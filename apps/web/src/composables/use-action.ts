/**
 * A button's action: whether it is running, and the sentence to show when it failed. The
 * error is kept for the view rather than thrown, since a click has no caller to catch it.
 */
import { ref, type Ref } from 'vue';

export interface Action<A extends unknown[]> {
  busy: Ref<boolean>;
  error: Ref<string | undefined>;
  run: (...args: A) => Promise<void>;
}

export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>): Action<A> {
  const busy = ref(false);
  const error = ref<string>();
  async function run(...args: A): Promise<void> {
    busy.value = true;
    error.value = undefined;
    try {
      await action(...args);
    } catch (failure) {
      error.value = (failure as Error).message;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
