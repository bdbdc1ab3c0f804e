/**
 * Runs tasks with the same key one after another (in arrival order) and tasks with different keys in parallel.
 * Used per channel so that, on one instance, "commit then broadcast" happens in seq order: the database row
 * lock orders the commits, this queue makes the broadcasts follow the same order.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
