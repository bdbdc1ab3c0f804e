/**
 * Bench data for the socket scenarios, written straight to the database through the application's own
 * services (no HTTP registration, no argon2): users with a live session and an access token, one group with
 * all of them as active members, and a fresh topic channel per scenario (so seqs start at 1).
 */
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { AuthSessionsService } from '../src/auth/auth-sessions.service';
import { TokensService } from '../src/auth/tokens.service';
import { Channel } from '../src/discussion/entities/channel.entity';
import { ChannelKind } from '../src/discussion/discussion.enums';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import {
  GroupRole,
  MembershipStatus,
  GroupStatus,
  GroupVisibility,
  JoinPolicy,
} from '../src/groups/groups.enums';
import { User } from '../src/users/entities/user.entity';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { BenchApp } from './support';

export interface BenchMember {
  id: string;
  accessToken: string;
}

export interface BenchGroup {
  groupId: string;
  members: BenchMember[];
  newChannel(name: string): Promise<string>;
}

export async function createBenchGroup(bench: BenchApp, memberCount: number): Promise<BenchGroup> {
  const orm = bench.app.get(MikroORM);
  const sessions = bench.app.get(AuthSessionsService);
  const tokens = bench.app.get(TokensService);
  const fork = (): EntityManager => orm.em.fork() as EntityManager;
  const suffix = randomBytes(4).toString('hex');

  const em = fork();
  const group = em.create(WorkingGroup, {
    name: `Bench group ${suffix}`,
    slug: `bench-${suffix}`,
    theme: 'open_data',
    description: 'Created by npm run bench.',
    status: GroupStatus.Active,
    visibility: GroupVisibility.Members,
    joinPolicy: JoinPolicy.Approval,
  });
  const users = Array.from({ length: memberCount }, (_, i) =>
    em.create(User, {
      email: `bench-${suffix}-${i}@example.org`,
      displayName: `Bench ${suffix} ${i}`,
      // Never used to log in: the bench signs access tokens for sessions it opens itself.
      passwordHash: 'bench-no-login',
    }),
  );
  for (const user of users) {
    em.create(Membership, {
      group,
      user,
      role: GroupRole.Member,
      status: MembershipStatus.Active,
      approvedAt: new Date(),
    });
  }
  await em.flush();

  const members: BenchMember[] = [];
  for (const user of users) {
    const session = await fork().transactional(async (tx) => {
      const opened = await sessions.open(tx, tx.getReference(User, user.id));
      return opened.session;
    });
    members.push({
      id: user.id,
      accessToken: await tokens.signAccessToken({ sub: user.id, sid: session.id }),
    });
  }

  return {
    groupId: group.id,
    members,
    async newChannel(name: string): Promise<string> {
      const tx = fork();
      const channel = tx.create(Channel, {
        group: tx.getReference(WorkingGroup, group.id),
        kind: ChannelKind.Topic,
        name,
      });
      await tx.flush();
      return channel.id;
    },
  };
}
