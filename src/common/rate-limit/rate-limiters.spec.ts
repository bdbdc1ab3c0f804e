import { AppConfig } from '../../config/app-config';
import { TooManyRequestsError } from '../errors/domain-error';
import { MemoryConnectionSlots } from './connection-slots';
import { bucketAsWindow, RateLimiters } from './rate-limiters';

describe('bucketAsWindow', () => {
  it('keeps the average rate and allows the burst in one window of at least a second', () => {
    expect(bucketAsWindow(20, 40)).toEqual({ points: 40, durationSeconds: 2 });
    expect(bucketAsWindow(10, 20)).toEqual({ points: 20, durationSeconds: 2 });
    expect(bucketAsWindow(1, 5)).toEqual({ points: 5, durationSeconds: 5 });
    // A burst below one second's worth still lets the rate through.
    expect(bucketAsWindow(3, 1)).toEqual({ points: 3, durationSeconds: 1 });
  });
});

describe('RateLimiters without Redis', () => {
  const limiters = new RateLimiters(AppConfig.fromEnv({}));
  afterAll(() => limiters.onApplicationShutdown());

  it('refuses past the limit with 429 rate.limited and a retry hint, per key', async () => {
    const limiter = limiters.window('spec', { points: 2, durationSeconds: 30, detail: 'slow down' });
    await limiter.consume('a');
    await limiter.consume('a');
    const refusal = await limiter.consume('a').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect(refusal).toMatchObject({ status: 429, detail: 'slow down', extras: { code: 'rate.limited' } });
    const retry = (refusal as TooManyRequestsError).extras.retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(30);
    await expect(limiter.consume('b')).resolves.toBeUndefined();
    await limiter.consume('b', 'another use');
    // Another kind of use of the same budget is refused with its own wording.
    await expect(limiter.consume('b', 'another use')).rejects.toMatchObject({ detail: 'another use' });
  });

  it('keeps limits of different names apart', async () => {
    const one = limiters.window('spec-one', { points: 1, durationSeconds: 30, detail: 'x' });
    const two = limiters.window('spec-two', { points: 1, durationSeconds: 30, detail: 'x' });
    await one.consume('k');
    await expect(two.consume('k')).resolves.toBeUndefined();
  });
});

describe('MemoryConnectionSlots', () => {
  it('grants up to max per key, frees on release (idempotent), and re-grants a holder it has', async () => {
    const slots = new MemoryConnectionSlots(2);
    expect(await slots.acquire('u', 'a')).toBe(true);
    expect(await slots.acquire('u', 'b')).toBe(true);
    expect(await slots.acquire('u', 'c')).toBe(false);
    expect(await slots.acquire('u', 'a')).toBe(true);
    expect(await slots.acquire('v', 'c')).toBe(true);
    await slots.release('u', 'a');
    await slots.release('u', 'a');
    expect(await slots.acquire('u', 'c')).toBe(true);
    expect(await slots.acquire('u', 'd')).toBe(false);
  });
});
