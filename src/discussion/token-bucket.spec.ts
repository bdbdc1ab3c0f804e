import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the given rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    const first = Array.from({ length: 25 }, () => bucket.take()).filter(Boolean).length;
    expect(first).toBe(20);
    now += 500; // half a second: 5 tokens
    const second = Array.from({ length: 10 }, () => bucket.take()).filter(Boolean).length;
    expect(second).toBe(5);
    now += 60_000; // never more than the burst
    const third = Array.from({ length: 30 }, () => bucket.take()).filter(Boolean).length;
    expect(third).toBe(20);
  });
});
