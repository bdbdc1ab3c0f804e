import { randomBytes } from 'node:crypto';
import { TestApp } from '../support/test-app';
import { User } from '../../src/users/entities/user.entity';
import { PlatformRole } from '../../src/common/auth/platform-role.enums';

export const DEFAULT_PASSWORD = 'a-long-and-unusual-passphrase';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

const unique = (): string => randomBytes(5).toString('hex');

export async function registerUser(
  t: TestApp,
  fields: { email?: string; displayName?: string; password?: string; organizationId?: string } = {},
): Promise<{ id: string; email: string; password: string; displayName: string }> {
  const body = {
    email: fields.email ?? `user-${unique()}@example.org`,
    password: fields.password ?? DEFAULT_PASSWORD,
    displayName: fields.displayName ?? `User ${unique()}`,
    ...(fields.organizationId ? { organizationId: fields.organizationId } : {}),
  };
  const res = await t.http.post('/auth/register').send(body).expect(201);
  return {
    id: res.body.id as string,
    email: body.email,
    password: body.password,
    displayName: body.displayName,
  };
}

export async function login(
  t: TestApp,
  email: string,
  password = DEFAULT_PASSWORD,
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await t.http.post('/auth/login').send({ email, password }).expect(200);
  return { accessToken: res.body.accessToken as string, refreshToken: res.body.refreshToken as string };
}

/**
 * Registers through the API, sets the platform role directly (there is no self-service for it), logs in. With an
 * `organizationId` the affiliation is verified (directly in the database) unless `affiliationVerified: false`:
 * most tests are about people whose organisation counts (decision 0012).
 */
export async function createUser(
  t: TestApp,
  options: {
    role?: PlatformRole;
    organizationId?: string;
    displayName?: string;
    email?: string;
    affiliationVerified?: boolean;
  } = {},
): Promise<TestUser> {
  const registered = await registerUser(t, options);
  if (options.role && options.role !== PlatformRole.Member) {
    await t.em().nativeUpdate(User, { id: registered.id }, { role: options.role });
  }
  if (options.organizationId && options.affiliationVerified !== false) {
    await t.em().nativeUpdate(User, { id: registered.id }, { affiliationVerifiedAt: new Date() });
  }
  const tokens = await login(t, registered.email, registered.password);
  return { ...registered, ...tokens, auth: { Authorization: `Bearer ${tokens.accessToken}` } };
}

export const createAdmin = (t: TestApp): Promise<TestUser> => createUser(t, { role: PlatformRole.Admin });
export const createSteward = (t: TestApp): Promise<TestUser> =>
  createUser(t, { role: PlatformRole.SteeringCommittee });
