/**
 * The socket events being handled, so that a graceful shutdown can stop taking new ones and let the running
 * ones finish (and their acks leave) before the sockets are closed: a send is then either committed and acked,
 * or refused with an error, never committed behind a closed socket.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  /** True once `drain` has been called: new work must be refused. */
  get draining(): boolean {
    return this.closed;
  }

  get size(): number {
    return this.running.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = (): void => {
      this.running.delete(work);
    };
    work.then(forget, forget);
    return work;
  }

  /**
   * Refuses new work from now on and resolves once everything running has settled, or after `timeoutMs`
   * (true when it all settled in time). Work tracked while draining (already admitted) is waited for too.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const settled = (async () => {
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      return true as const;
    })();
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
