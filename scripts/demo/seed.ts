/**
 * The demo data set loader, used by `npm run seed:demo` (scripts/seed-demo.ts) and by its test. Everything goes
 * through the application's own services, so every change is audited exactly like an API call. Idempotent:
 * organisations are matched by name, users by email, groups by slug; meetings and messages by the natural keys
 * described in seed-meetings.ts and seed-messages.ts.
 */
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../src/audit/audit.service';
import { AuthService } from '../../src/auth/auth.service';
import { GroupRole, GroupStatus } from '../../src/groups/groups.enums';
import { MembershipService } from '../../src/groups/membership/membership.service';
import { Organization } from '../../src/organizations/entities/organization.entity';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { AffiliationService } from '../../src/users/affiliation.service';
import { User } from '../../src/users/entities/user.entity';
import { PlatformRole } from '../../src/common/auth/platform-role.enums';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import { GroupStatusService } from '../../src/groups/working-groups/group-status.service';
import { slugify } from '../../src/groups/working-groups/slug';
import { escapeLike } from '../../src/common/sql';
import { WorkingGroupsService } from '../../src/groups/working-groups/working-groups.service';
import { emptyTally, metaFor, SeedContext, SeedTally } from './context';
import { anchorEmail, DEMO_GROUPS, DEMO_ORGANIZATIONS, DEMO_USERS } from './data';
import { seedMeetings } from './seed-meetings';
import { seedMessages } from './seed-messages';
import { seedDocuments } from './seed-documents';
import { seedProposals } from './seed-proposals';
import { seedPriorityAreas } from './seed-priority-areas';
import { seedCommitments } from './seed-commitments';
import { seedReviews } from './seed-reviews';

declare module '../../src/audit/audit-actions' {
  interface AuditActionMap {
    /** The demo loader set a platform role directly (there is no route for it). */
    'user.role_seeded': 'User';
  }
}

export const DEMO_PASSWORD = 'convene-demo-2026';

export interface DemoLogin {
  email: string;
  displayName: string;
  organization: string;
  platformRole: string;
  anchors: string;
}

export interface DemoSeedResult {
  logins: DemoLogin[];
  /** What this run created (meetings, agenda items, ... messages); all zero when run again. */
  created: SeedTally;
  /** Slugs of the running (active or under review) groups that received sessions and messages. */
  activeGroups: string[];
}

/** Loads the demo data into the database behind `app` (a Nest application or application context). */
export async function seedDemo(app: INestApplicationContext): Promise<DemoSeedResult> {
  const orm = app.get(MikroORM);
  return RequestContext.create(orm.em, () => seed(app, orm.em.getContext() as EntityManager));
}

async function seed(app: INestApplicationContext, em: EntityManager): Promise<DemoSeedResult> {
  const requestId = `seed-demo-${randomUUID()}`;
  const auth = app.get(AuthService, { strict: false });
  const audit = app.get(AuditService, { strict: false });
  const organizations = app.get(OrganizationsService, { strict: false });
  const memberships = app.get(MembershipService, { strict: false });
  const statuses = app.get(GroupStatusService, { strict: false });
  const groups = app.get(WorkingGroupsService, { strict: false });
  const affiliations = app.get(AffiliationService, { strict: false });

  const findUser = (email: string): Promise<User | null> => em.fork().findOne(User, { email });

  /** Registers through the auth service (audited) unless the email exists; never resets a password. */
  async function ensureUser(email: string, displayName: string, organizationId?: string): Promise<User> {
    const existing = await findUser(email);
    if (existing) return existing;
    await auth.register(
      { email, displayName, password: DEMO_PASSWORD, ...(organizationId ? { organizationId } : {}) },
      { user: null, requestId },
    );
    return (await findUser(email))!;
  }

  /** Platform roles have no self-service route; like the admin bootstrap, set them directly, audited. */
  async function ensureRole(user: User, role: PlatformRole): Promise<User> {
    if (user.role === role) return user;
    await em.fork().transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: user.id }, { role });
      await audit.recordPlatformChange(
        tx,
        { user: null, requestId },
        {
          action: 'user.role_seeded',
          entityType: 'User',
          entityId: user.id,
          before: { role: user.role },
          after: { role },
        },
      );
    });
    return (await findUser(user.email))!;
  }

  const adminSpec = DEMO_USERS.find((u) => u.role === PlatformRole.Admin)!;
  const admin = await ensureRole(
    await ensureUser(adminSpec.email, adminSpec.displayName),
    PlatformRole.Admin,
  );
  const adminMeta = metaFor(admin, requestId);

  const orgIds = new Map<string, string>();
  for (const spec of DEMO_ORGANIZATIONS) {
    const existing = await em.fork().findOne(Organization, { name: { $ilike: escapeLike(spec.name) } });
    const id =
      existing?.id ??
      (
        await organizations.create(
          {
            name: spec.name,
            kind: spec.kind,
            ...(spec.country ? { country: spec.country } : {}),
            ...(spec.level ? { level: spec.level } : {}),
            ...(spec.website ? { website: spec.website } : {}),
          },
          adminMeta,
        )
      ).id;
    orgIds.set(spec.name, id);
  }

  const users = new Map<string, User>();
  for (const spec of DEMO_USERS) {
    let user = await ensureUser(
      spec.email,
      spec.displayName,
      spec.organization ? orgIds.get(spec.organization) : undefined,
    );
    if (spec.role) user = await ensureRole(user, spec.role);
    // The demo's affiliations are real organisations' people: the admin verifies them (audited; no-op again).
    if (spec.organization) {
      await affiliations.setByContact(orgIds.get(spec.organization)!, user.id, true, adminMeta);
    }
    users.set(spec.email, user);
  }
  const steward = [...users.values()].find((u) => u.role === PlatformRole.SteeringCommittee)!;
  const stewardMeta = metaFor(steward, requestId);

  const anchorsOf = new Map<string, string[]>();
  for (const spec of DEMO_GROUPS) {
    const slug = slugify(spec.name);
    let group = await em.fork().findOne(WorkingGroup, { slug });
    if (!group) {
      await groups.create(
        {
          name: spec.name,
          theme: spec.theme,
          description: spec.description,
          visibility: spec.visibility,
          joinPolicy: spec.joinPolicy,
        },
        stewardMeta,
      );
      group = await em.fork().findOneOrFail(WorkingGroup, { slug });
    }
    for (const key of spec.anchors) {
      const anchor = users.get(anchorEmail(key))!;
      await memberships.add(slug, { userId: anchor.id, role: GroupRole.Anchor }, stewardMeta);
      anchorsOf.set(anchor.email, [...(anchorsOf.get(anchor.email) ?? []), slug]);
    }
    for (const member of spec.members) {
      await memberships.add(slug, { userId: users.get(member.email)!.id, role: member.role }, stewardMeta);
    }
    if (spec.status === GroupStatus.Active && group.status === GroupStatus.Proposed) {
      await statuses.change(
        slug,
        {
          status: GroupStatus.Active,
          reason: 'Demo data: anchored by a government and a civil-society organisation.',
        },
        stewardMeta,
      );
    }
  }

  const now = new Date();
  const ctx: SeedContext = {
    app,
    em,
    requestId,
    users,
    activeGroups: await em.fork().find(
      WorkingGroup,
      {
        slug: { $in: DEMO_GROUPS.map((g) => slugify(g.name)) },
        // A group under the demo review still runs (a second run finds it so, and adds nothing to it).
        status: { $in: [GroupStatus.Active, GroupStatus.UnderReview] },
      },
      { orderBy: { name: 'asc' } },
    ),
    today: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
    tally: emptyTally(),
  };
  await seedMeetings(ctx);
  await seedMessages(ctx);
  await seedDocuments(ctx);
  await seedProposals(ctx);
  await seedPriorityAreas(ctx);
  await seedCommitments(ctx);
  // Last: opening the review moves its group to under_review.
  await seedReviews(ctx);

  const logins = DEMO_USERS.map((spec) => {
    const user = users.get(spec.email)!;
    return {
      email: spec.email,
      displayName: spec.displayName,
      organization: spec.organization ?? '',
      platformRole: user.role,
      anchors: (anchorsOf.get(spec.email) ?? []).join(', '),
    };
  });
  return { logins, created: ctx.tally, activeGroups: ctx.activeGroups.map((g) => g.slug) };
}
