import { randomBytes } from 'node:crypto';
import { Membership } from '../../src/groups/membership/entities/membership.entity';
import {
  GroupRole,
  MembershipStatus,
  GroupStatus,
  GroupVisibility,
  JoinPolicy,
} from '../../src/groups/groups.enums';
import { PlatformRole } from '../../src/common/auth/platform-role.enums';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import type { AppConfigValues } from '../../src/config/app-config';
import { createTestApp, TestApp } from '../support/test-app';
import { createCivilSociety, createGovernment } from './organizations';
import { createUser, TestUser } from './users';

/** Inserts a group directly; tests of meetings or discussion should not depend on the groups API. */
export async function createGroup(
  t: TestApp,
  fields: Partial<
    Pick<WorkingGroup, 'name' | 'slug' | 'theme' | 'status' | 'visibility' | 'joinPolicy'>
  > = {},
): Promise<WorkingGroup> {
  return createGroupWithMembers(t, fields, []);
}

/** A member to add with the group: the user, the role (default member), the status (default active). */
export type InitialMember = [user: { id: string }, role?: GroupRole, status?: MembershipStatus];

/**
 * A group and its first memberships in one flush (one transaction): what addMember does one by one, for setups
 * that build many groups (the authorization matrices build one per request).
 */
export async function createGroupWithMembers(
  t: TestApp,
  fields: Partial<Pick<WorkingGroup, 'name' | 'slug' | 'theme' | 'status' | 'visibility' | 'joinPolicy'>>,
  members: InitialMember[],
): Promise<WorkingGroup> {
  const em = t.em();
  const suffix = randomBytes(4).toString('hex');
  const group = em.create(WorkingGroup, {
    name: fields.name ?? `Group ${suffix}`,
    slug: fields.slug ?? `group-${suffix}`,
    theme: fields.theme ?? 'open_data',
    description: 'A working group created by a test.',
    status: fields.status ?? GroupStatus.Active,
    visibility: fields.visibility ?? GroupVisibility.Public,
    joinPolicy: fields.joinPolicy ?? JoinPolicy.Approval,
  });
  for (const [user, role = GroupRole.Member, status = MembershipStatus.Active] of members) {
    em.create(Membership, {
      group,
      user: user.id,
      role,
      status,
      approvedAt: status === MembershipStatus.Active ? new Date() : null,
    });
  }
  await em.flush();
  return group;
}

export async function addMember(
  t: TestApp,
  group: WorkingGroup,
  user: { id: string },
  role: GroupRole = GroupRole.Member,
  status: MembershipStatus = MembershipStatus.Active,
): Promise<void> {
  const em = t.em();
  em.create(Membership, {
    group: group.id,
    user: user.id,
    role,
    status,
    approvedAt: status === MembershipStatus.Active ? new Date() : null,
  });
  await em.flush();
}

/** Every standing a rule may depend on, around one group; `otherAnchor` anchors a different group. */
export interface GroupCast {
  group: WorkingGroup;
  otherGroup: WorkingGroup;
  governmentAnchor: TestUser;
  civilSocietyAnchor: TestUser;
  member: TestUser;
  observer: TestUser;
  outsider: TestUser;
  otherAnchor: TestUser;
  steward: TestUser;
  admin: TestUser;
}

export async function createGroupCast(
  t: TestApp,
  fields: Parameters<typeof createGroup>[1] = {},
): Promise<GroupCast> {
  const [gov, cso] = [await createGovernment(t), await createCivilSociety(t)];
  const group = await createGroup(t, fields);
  const otherGroup = await createGroup(t);
  const governmentAnchor = await createUser(t, {
    organizationId: gov.id,
    displayName: `Gov Anchor ${group.slug}`,
  });
  const civilSocietyAnchor = await createUser(t, {
    organizationId: cso.id,
    displayName: `CSO Anchor ${group.slug}`,
  });
  const member = await createUser(t, { organizationId: cso.id });
  const observer = await createUser(t, { organizationId: gov.id });
  const outsider = await createUser(t, { organizationId: cso.id });
  const otherAnchor = await createUser(t, { organizationId: gov.id });
  const steward = await createUser(t, { role: PlatformRole.SteeringCommittee });
  const admin = await createUser(t, { role: PlatformRole.Admin });
  await addMember(t, group, governmentAnchor, GroupRole.Anchor);
  await addMember(t, group, civilSocietyAnchor, GroupRole.Anchor);
  await addMember(t, group, member, GroupRole.Member);
  await addMember(t, group, observer, GroupRole.Observer);
  await addMember(t, otherGroup, otherAnchor, GroupRole.Anchor);
  return {
    group,
    otherGroup,
    governmentAnchor,
    civilSocietyAnchor,
    member,
    observer,
    outsider,
    otherAnchor,
    steward,
    admin,
  };
}

/**
 * The usual suite setup: one app (with config `overrides`) and one cast for the enclosing describe, closed after
 * it. Jest builds the tests before any hook runs, so the returned objects exist from the start (tests may
 * destructure them) and are filled in by the beforeAll; it is registered first, so the suite's own beforeAll
 * hooks already see them.
 */
export function useGroupCast(overrides: Partial<AppConfigValues> = {}): { t: TestApp; cast: GroupCast } {
  const suite = { t: {} as TestApp, cast: {} as GroupCast };
  beforeAll(async () => {
    // TestApp and GroupCast are plain objects whose methods use closures, not `this`: copying them is safe.
    Object.assign(suite.t, await createTestApp(overrides));
    Object.assign(suite.cast, await createGroupCast(suite.t));
  });
  afterAll(() => suite.t.close());
  return suite;
}
