/** How a job is named on screen. */
import type { JobType } from '@sidecast/protocol';

/** The random half of a job id, shortened: enough to tell jobs apart at a glance. */
export function shortId(id: string): string {
  const random = id.split('-').slice(1).join('-');
  return (random === '' ? id : random).slice(0, 6);
}

/** A job's params in brief, for its row in the list: `lines=100 rate=0`, shortened. */
export function paramsInBrief(params: Record<string, unknown>, most = 3): string {
  const shown = Object.entries(params)
    .slice(0, most)
    .map(([name, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return `${name}=${text.length > 24 ? `${text.slice(0, 23)}…` : text}`;
    });
  const more = Object.keys(params).length - shown.length;
  return more > 0 ? `${shown.join(' ')} +${String(more)}` : shown.join(' ');
}

/** Whether a job matches the list's search: its title, type, id or params contain the text. */
export function jobMatches(
  job: { id: string; jobType: string; params: Record<string, unknown> },
  title: string,
  query: string,
): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  return [title, job.jobType, job.id, JSON.stringify(job.params)].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

/** The job type's title when the sidecar gave one, else its name. */
export function jobTypeTitle(name: string, type: JobType | undefined): string {
  return type?.title ?? name;
}
