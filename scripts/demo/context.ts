import { EntityManager } from '@mikro-orm/postgresql';
import { INestApplicationContext } from '@nestjs/common';
import { AuthenticatedMeta } from '../../src/common/auth/auth-user';
import { User } from '../../src/users/entities/user.entity';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';

/** What was created by one run of the seed (all zero on a repeated run). */
export interface SeedTally {
  meetings: number;
  agendaItems: number;
  rsvps: number;
  attendance: number;
  minutes: number;
  actionItems: number;
  messages: number;
  documents: number;
  /** Versions added after a document's first. */
  versions: number;
  /** Group proposals (seed-proposals.ts). */
  proposals: number;
  priorityAreas: number;
  positions: number;
  commitments: number;
  assistanceRequests: number;
  /** Steering Committee reviews opened (seed-reviews.ts). */
  reviews: number;
}

export const emptyTally = (): SeedTally => ({
  meetings: 0,
  agendaItems: 0,
  rsvps: 0,
  attendance: 0,
  minutes: 0,
  actionItems: 0,
  messages: 0,
  documents: 0,
  versions: 0,
  proposals: 0,
  priorityAreas: 0,
  positions: 0,
  commitments: 0,
  assistanceRequests: 0,
  reviews: 0,
});

/** Shared by the per-context seeding modules (seed-meetings.ts, seed-messages.ts). */
export interface SeedContext {
  app: INestApplicationContext;
  /** The request-context EntityManager; look-ups use `em.fork()` so they read what the services committed. */
  em: EntityManager;
  requestId: string;
  /** Demo accounts by email. */
  users: Map<string, User>;
  /**
   * The groups that are running after the group step (`active`, or `under_review` once the demo review opened),
   * by name.
   */
  activeGroups: WorkingGroup[];
  /** The day the seed runs (UTC midnight): demo dates are relative to it. */
  today: Date;
  tally: SeedTally;
}

export const metaFor = (user: User, requestId: string): AuthenticatedMeta => ({
  user: { id: user.id, role: user.role, sessionId: 'seed-demo' },
  requestId,
});

export function demoUser(ctx: SeedContext, email: string): User {
  const user = ctx.users.get(email);
  if (!user) throw new Error(`unknown demo user ${email}`);
  return user;
}

/** Acting as a demo account, exactly as its API requests would. */
export const actingAs = (ctx: SeedContext, email: string): AuthenticatedMeta =>
  metaFor(demoUser(ctx, email), ctx.requestId);
