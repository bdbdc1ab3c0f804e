import { randomUUID } from 'node:crypto';
import { AppConfigValues } from '../../src/config/app-config';
import { createTestApp, TestApp } from './test-app';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two instances of one deployment for the enclosing describe: same database, the local Redis, a key prefix of
 * their own per suite (so runs and suites do not see each other's channels or counters). Like useGroupCast, the
 * returned object is filled in by a beforeAll registered here, and both apps are closed after the suite.
 */
export function useTwoInstances(overrides: Partial<AppConfigValues> = {}): { a: TestApp; b: TestApp } {
  const pair = { a: {} as TestApp, b: {} as TestApp };
  beforeAll(async () => {
    const shared = { redisUrl: TEST_REDIS_URL, redisKeyPrefix: `convene-test:${randomUUID()}`, ...overrides };
    Object.assign(pair.a, await createTestApp(shared));
    Object.assign(pair.b, await createTestApp({ ...shared, databaseUrl: pair.a.databaseUrl }));
  });
  afterAll(async () => {
    await pair.b.close();
    await pair.a.close();
  });
  return pair;
}
