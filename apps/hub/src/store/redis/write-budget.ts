/**
 * The bytes of events one hub holds that Redis has not yet stored (DESIGN §11: while Redis
 * does not answer, running jobs keep running and their events wait here, in order). Past
 * the limit a job's further events cannot be kept, and that job fails saying so.
 */
export class WriteBudget {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  get usedBytes(): number {
    return this.used;
  }

  /** Hold `bytes` more; false (and nothing held) when that would pass the limit. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  /** Hold `bytes` past the limit if need be: a job's last event is always kept. */
  hold(bytes: number): void {
    this.used += bytes;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}
