/** How a job is named on screen. */
import type { JobType } from '@sidecast/protocol';

/** The random half of a job id, shortened: enough to tell jobs apart at a glance. */
export function shortId(id: string): string {
  const random = id.split('-').slice(1).join('-');
  return (random === '' ? id : random).slice(0, 6);
}

/** The job type's title when the sidecar gave one, else its name. */
export function jobTypeTitle(name: string, type: JobType | undefined): string {
  return type?.title ?? name;
}
