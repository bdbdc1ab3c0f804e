import { InFlight } from './in-flight';

const deferred = (): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } => {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('InFlight', () => {
  it('drains once every tracked task settled, failures included, and refuses from the first call on', async () => {
    const inFlight = new InFlight();
    const a = deferred();
    const b = deferred();
    void inFlight.track(a.promise);
    inFlight.track(b.promise).catch(() => undefined);
    expect(inFlight.size).toBe(2);
    let drained: boolean | undefined;
    const drain = inFlight.drain(5_000).then((done) => (drained = done));
    expect(inFlight.draining).toBe(true);
    a.resolve();
    await new Promise((r) => setImmediate(r));
    expect(drained).toBeUndefined();
    b.reject(new Error('refused'));
    await drain;
    expect(drained).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it('waits for work admitted while draining, and gives up after the timeout', async () => {
    const inFlight = new InFlight();
    const first = deferred();
    void inFlight.track(first.promise);
    const drain = inFlight.drain(50);
    const late = deferred();
    void inFlight.track(late.promise);
    first.resolve();
    expect(await drain).toBe(false);
    late.resolve();
  });
});
