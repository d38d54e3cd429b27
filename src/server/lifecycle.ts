/**
 * An instance's life behind a load balancer: ready once its database is reachable and migrated;
 * on SIGTERM it drains: reports not ready, answers what it is already answering (each with its
 * audit row, written before the answer leaves), then closes. Requests in flight are counted.
 */
export class Lifecycle {
  private inFlight = 0;
  private idle: (() => void)[] = [];
  /** Set when a drain began: from then on the instance is not ready. */
  draining = false;

  /** Counts a request from its start to the end of its answer. */
  begin(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Stops being ready and waits until nothing is in flight, or `timeoutMs` has passed: true when everything finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.inFlight === 0) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finished = await Promise.race([
      new Promise<true>((resolve) => this.idle.push(() => resolve(true))),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return finished;
  }
}
