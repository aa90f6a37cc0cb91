/**
 * Download an artifact of the open job: fetched with the token (a plain link could not
 * carry it), then saved under its own name. Which one is on its way, and what went wrong.
 */
import { ref, type Ref } from 'vue';
import { saveBlob } from '../format/save-blob.js';
import type { Artifact } from '../job-view/timeline.js';
import { useJobViewStore } from '../stores/job-view.js';

export interface ArtifactDownload {
  /** The path being downloaded. */
  busy: Ref<string | undefined>;
  failure: Ref<string | undefined>;
  download: (artifact: Artifact) => Promise<void>;
}

export function useArtifactDownload(): ArtifactDownload {
  const jobView = useJobViewStore();
  const busy = ref<string>();
  const failure = ref<string>();
  async function download(artifact: Artifact): Promise<void> {
    busy.value = artifact.path;
    failure.value = undefined;
    try {
      const blob = await jobView.artifact(artifact.path);
      saveBlob(blob, artifact.path.split('/').pop() ?? artifact.path);
    } catch (error) {
      failure.value = `${artifact.path}: ${(error as Error).message}`;
    } finally {
      busy.value = undefined;
    }
  }
  return { busy, failure, download };
}
