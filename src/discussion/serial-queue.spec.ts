import { SerialQueue } from './serial-queue';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('runs tasks of one key in order, even if an earlier one fails', async () => {
    const queue = new SerialQueue();
    const order: number[] = [];
    const a = queue.run('k', async () => {
      await tick(20);
      order.push(1);
      throw new Error('boom');
    });
    const b = queue.run('k', () => {
      order.push(2);
      return Promise.resolve('b');
    });
    await expect(a).rejects.toThrow('boom');
    await expect(b).resolves.toBe('b');
    expect(order).toEqual([1, 2]);
  });

  it('runs different keys in parallel', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    await Promise.all([
      queue.run('a', async () => {
        await tick(20);
        order.push('a');
      }),
      queue.run('b', async () => {
        order.push('b');
        return Promise.resolve();
      }),
    ]);
    expect(order).toEqual(['b', 'a']);
  });
});
