/**
 * The hub's REST routes that have no WebSocket command: job types, artifacts, the sidecar,
 * the hub's stats.
 * Every reply is parsed once, here, with the protocol's schemas; a failure is a `ClientError`
 * with the hub's code, or `unavailable` when the hub could not be reached at all.
 */
import {
  ArtifactList,
  ErrorBody,
  HubStats,
  JobTypeList,
  parseJson,
  SidecarStatus,
  type ArtifactInfo,
  type JobType,
  type ParseResult,
} from '@sidecast/protocol';
import { ClientError } from './client-error.js';

/** The first part of an artifact. */
export interface ArtifactStart {
  bytes: Uint8Array;
  /** `false` when the file goes on past `bytes`. */
  complete: boolean;
}

/** The subset of `fetch` the client uses; a webview shell may pass its own. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export class HubApi {
  private readonly base: URL;

  constructor(
    url: string,
    private readonly token: string,
    private readonly fetchImpl: FetchLike,
  ) {
    this.base = new URL(url);
    // The same address serves the WebSocket and REST.
    this.base.protocol = this.base.protocol.replace(/^ws/, 'http');
    this.base.hash = '';
    this.base.search = '';
  }

  /** What the sidecar can run (starts it if it is not running). */
  async jobTypes(): Promise<JobType[]> {
    return (await this.json((raw) => parseJson(JobTypeList, raw), 'GET', 'api/job-types')).jobTypes;
  }

  /** The files job `jobId` wrote, with sizes and content types. */
  async artifacts(jobId: string): Promise<ArtifactInfo[]> {
    const path = `api/jobs/${encodeURIComponent(jobId)}/artifacts`;
    return (await this.json((raw) => parseJson(ArtifactList, raw), 'GET', path)).artifacts;
  }

  /** One artifact's bytes; `path` is relative to the job's artifacts folder. */
  async artifact(jobId: string, path: string): Promise<Blob> {
    return (await this.send('GET', artifactPath(jobId, path))).blob();
  }

  /**
   * At most the first `maxBytes` of one artifact, for a preview: the download stops there,
   * so a preview of a 2 GB file costs what it shows.
   */
  async artifactStart(jobId: string, path: string, maxBytes: number): Promise<ArtifactStart> {
    const response = await this.send('GET', artifactPath(jobId, path));
    if (response.body === null) return { bytes: new Uint8Array(), complete: true };
    return readAtMost(response.body, maxBytes);
  }

  /** The supervisor's full state. */
  sidecar(): Promise<SidecarStatus> {
    return this.json(parseSidecar, 'GET', 'api/sidecar');
  }

  /** What the hub holds: sessions, bytes queued on sockets, its memory. */
  stats(): Promise<HubStats> {
    return this.json((raw) => parseJson(HubStats, raw), 'GET', 'api/stats');
  }

  /** Restart the sidecar, closing an open circuit breaker; resolves once the hub has begun. */
  restartSidecar(): Promise<SidecarStatus> {
    return this.json(parseSidecar, 'POST', 'api/sidecar/restart');
  }

  /**
   * Reload the job code: new workers with freshly imported code take new jobs, running jobs
   * finish on the old ones. Resolves once the hub has begun (`reloading` is then true);
   * a `conflict` while one is already under way.
   */
  reloadSidecar(): Promise<SidecarStatus> {
    return this.json(parseSidecar, 'POST', 'api/sidecar/reload');
  }

  private async json<T>(
    parse: (raw: string) => ParseResult<T>,
    method: string,
    path: string,
  ): Promise<T> {
    const response = await this.send(method, path);
    const parsed = parse(await response.text());
    if (!parsed.ok)
      throw new ClientError(
        'internal',
        `the hub's reply to ${path} was not understood: ${parsed.error.message}`,
      );
    return parsed.value;
  }

  private async send(method: string, path: string): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    // State changes must say JSON (DESIGN §6), even with no body.
    if (method !== 'GET') headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.base).toString(), { method, headers });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ClientError('unavailable', `the hub could not be reached: ${reason}`);
    }
    if (response.ok) return response;
    throw await errorOf(response);
  }
}

function artifactPath(jobId: string, path: string): string {
  const segments = path.split('/').map(encodeURIComponent).join('/');
  return `api/jobs/${encodeURIComponent(jobId)}/artifacts/${segments}`;
}

/** Reads `body` up to `maxBytes`, then cancels it, which closes the file on the hub. */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<ArtifactStart> {
  const reader = body.getReader();
  const bytes = new Uint8Array(maxBytes);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: bytes.slice(0, length), complete: true };
      if (length + value.length > maxBytes) {
        bytes.set(value.subarray(0, maxBytes - length), length);
        return { bytes, complete: false };
      }
      bytes.set(value, length);
      length += value.length;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ClientError('unavailable', `the download broke off: ${reason}`);
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

const parseSidecar = (raw: string): ParseResult<SidecarStatus> => parseJson(SidecarStatus, raw);

async function errorOf(response: Response): Promise<ClientError> {
  const body = parseJson(ErrorBody, await response.text());
  if (body.ok) return ClientError.from(body.value.error);
  return new ClientError(
    response.status >= 500 ? 'unavailable' : 'bad_request',
    `the hub answered ${String(response.status)} ${response.statusText}`.trim(),
  );
}
