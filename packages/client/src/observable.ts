/** A value that tells its listeners when it changes (the connection state, say). */
export type Listener<T> = (value: T) => void;

export interface ReadonlyObservable<T> {
  readonly value: T;
  /** Call `listener` with each new value; returns the function that stops it. */
  subscribe(listener: Listener<T>): () => void;
}

export class Observable<T> implements ReadonlyObservable<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  set(value: T): void {
    if (Object.is(value, this.current)) return;
    this.current = value;
    for (const listener of [...this.listeners]) listener(value);
  }

  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
