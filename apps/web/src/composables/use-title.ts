/** The tab's title follows `title` while the calling component is mounted, then goes back. */
import { onUnmounted, watchEffect } from 'vue';

export const APP_TITLE = 'Sidecast';

export function useTitle(title: () => string): void {
  watchEffect(() => {
    document.title = `${title()} · ${APP_TITLE}`;
  });
  onUnmounted(() => {
    document.title = APP_TITLE;
  });
}
