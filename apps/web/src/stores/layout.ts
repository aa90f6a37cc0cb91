/** How the page is laid out where the screen is narrow: whether the job list drawer is open. */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useLayoutStore = defineStore('layout', () => {
  /** The job list, a drawer over the page below 760 px; always shown beside it above. */
  const jobsOpen = ref(false);
  /** The job view's side panels (result, artifacts, details), collapsed to give the log the width. */
  const panelsHidden = ref(false);

  function toggleJobs(): void {
    jobsOpen.value = !jobsOpen.value;
  }

  function closeJobs(): void {
    jobsOpen.value = false;
  }

  function togglePanels(): void {
    panelsHidden.value = !panelsHidden.value;
  }

  return { jobsOpen, panelsHidden, toggleJobs, closeJobs, togglePanels };
});
