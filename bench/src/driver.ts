/** The benchmark's own client of a hub: starts jobs and waits on them and on the sidecar. */
import { createClient, type SidecastClient } from '@sidecast/client';
import {
  isTerminalState,
  type HubStats,
  type Job,
  type Params,
  type SidecarStatus,
} from '@sidecast/protocol';
import type { HubProcess } from './hub-process.js';

export class Driver {
  readonly client: SidecastClient;
  private readonly sidecarWaiters = new Set<(status: SidecarStatus) => void>();

  private constructor(private readonly hub: HubProcess) {
    this.client = createClient({ url: hub.url, token: hub.token });
    this.client.subscribe('sidecar', {
      onSnapshot: ({ sidecar }) => {
        this.sidecarChanged(sidecar);
      },
      onEvents: (events) => {
        for (const { sidecar } of events) this.sidecarChanged(sidecar);
      },
    });
  }

  static async connect(hub: HubProcess): Promise<Driver> {
    const driver = new Driver(hub);
    await driver.client.whenLive();
    return driver;
  }

  /** Start a `demo.stream` job; resolves with it as created. */
  stream(lines: number, rate: number): Promise<Job> {
    return this.client.start('demo.stream', { lines, rate } satisfies Params);
  }

  /** Resolves with the job once it has ended (polled over REST). */
  async ended(jobId: string): Promise<Job> {
    for (;;) {
      const response = await fetch(`${this.hub.url}api/jobs/${jobId}`, {
        headers: { authorization: `Bearer ${this.hub.token}` },
      });
      const { job } = (await response.json()) as { job: Job };
      if (isTerminalState(job.state)) return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** What the hub holds: sessions, queued bytes, memory (`GET /api/stats`). */
  stats(): Promise<HubStats> {
    return this.client.stats();
  }

  /** Resolves with the sidecar's status the next time it matches `predicate`. */
  nextSidecar(predicate: (status: SidecarStatus) => boolean): Promise<SidecarStatus> {
    return new Promise((resolve) => {
      const waiter = (status: SidecarStatus): void => {
        if (!predicate(status)) return;
        this.sidecarWaiters.delete(waiter);
        resolve(status);
      };
      this.sidecarWaiters.add(waiter);
    });
  }

  close(): void {
    this.client.close();
  }

  private sidecarChanged(status: SidecarStatus): void {
    for (const waiter of [...this.sidecarWaiters]) waiter(status);
  }
}
