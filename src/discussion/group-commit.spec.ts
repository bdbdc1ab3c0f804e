import { GroupCommit, Outcome } from './group-commit';

/** A commit the test finishes by hand, recording each batch it was given. */
function manualCommit(): {
  batches: string[][];
  finish: (outcomes?: (items: string[]) => Outcome<string>[]) => void;
  commit: (key: string, items: string[]) => Promise<Outcome<string>[]>;
} {
  const batches: string[][] = [];
  const waiting: (() => void)[] = [];
  let decide = (items: string[]): Outcome<string>[] => items.map((i) => ({ ok: true, value: `done ${i}` }));
  return {
    batches,
    finish(outcomes) {
      if (outcomes) decide = outcomes;
      waiting.shift()?.();
    },
    commit: (key, items) =>
      new Promise((resolve) => {
        batches.push(items.map((i) => `${key}:${i}`));
        waiting.push(() => resolve(decide(items)));
      }),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits the first item alone and the ones that arrived meanwhile together, bounded, in order', async () => {
    const manual = manualCommit();
    const group = new GroupCommit<string, string>(2, manual.commit);
    const answers: string[] = [];
    const runs = ['a', 'b', 'c', 'd'].map((i) => group.run('k', i).then((v) => answers.push(v)));
    expect(manual.batches).toEqual([['k:a']]);
    expect(group.queued('k')).toBe(3);
    manual.finish();
    await tick();
    expect(manual.batches).toEqual([['k:a'], ['k:b', 'k:c']]);
    manual.finish();
    await tick();
    manual.finish();
    await Promise.all(runs);
    expect(manual.batches).toEqual([['k:a'], ['k:b', 'k:c'], ['k:d']]);
    expect(answers).toEqual(['done a', 'done b', 'done c', 'done d']);
    expect(group.stats).toEqual({ batches: 3, items: 4, largestBatch: 2 });
    expect(group.queued('k')).toBe(0);
  });

  it('runs other keys in parallel', () => {
    const manual = manualCommit();
    const group = new GroupCommit<string, string>(8, manual.commit);
    void group.run('x', '1');
    void group.run('y', '1');
    expect(manual.batches).toEqual([['x:1'], ['y:1']]);
  });

  it('fails an item alone when its outcome is an error, and a whole batch when the commit throws', async () => {
    const manual = manualCommit();
    const group = new GroupCommit<string, string>(8, manual.commit);
    const first = group.run('k', 'a');
    const good = group.run('k', 'b');
    const bad = group.run('k', 'c');
    manual.finish();
    await first;
    manual.finish((items) =>
      items.map((i) => (i === 'c' ? { ok: false, error: new Error('no c') } : { ok: true, value: i })),
    );
    await expect(good).resolves.toBe('b');
    await expect(bad).rejects.toThrow('no c');

    const failing = new GroupCommit<string, string>(8, () => Promise.reject(new Error('down')));
    await expect(Promise.all([failing.run('k', 'a'), failing.run('k', 'b')])).rejects.toThrow('down');
    await expect(failing.run('k', 'c')).rejects.toThrow('down');
  });
});
