import { isSteward } from '../src/common/auth/access';
import { AuthUser } from '../src/common/auth/auth-user';
import { NotFoundError } from '../src/common/errors/domain-error';
import { PlatformRole } from '../src/common/auth/platform-role.enums';
import { loadChannelAccess } from '../src/discussion/channel-access';
import { ChannelKind } from '../src/discussion/discussion.enums';
import { Channel } from '../src/discussion/entities/channel.entity';
import { selectHistoryPage } from '../src/discussion/history.queries';
import { ReadStateService } from '../src/discussion/read-state.service';
import { loadGroupAccessById } from '../src/groups/group-access';
import { GroupRole, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { findDirectoryGroups } from '../src/groups/groups.queries';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { Meeting } from '../src/meetings/entities/meeting.entity';
import { loadMeetingAccess } from '../src/meetings/meeting-access';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { addMember, createGroup, createGroupCast } from './factories/groups';
import { meetingBody } from './factories/meetings';
import { createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Visibility rules that exist twice, once in TypeScript (the authority for single loads) and once in SQL (for
 * lists, where filtering must happen in the query): for every combination a rule depends on, both must give the
 * same answer. A mismatch is listed by combination, so a failure says which case diverged.
 */

type Standing = { status: MembershipStatus; role: GroupRole } | null;

/** No membership, then every status with every role (a left anchor, an invited observer, ...). */
const STANDINGS: Standing[] = [
  null,
  ...Object.values(MembershipStatus).flatMap((status) =>
    Object.values(GroupRole).map((role) => ({ status, role })),
  ),
];
const describeStanding = (s: Standing): string => (s ? `${s.status} ${s.role}` : 'no membership');

/** The TypeScript loaders answer 404 for what the caller may not see; anything else is a real failure. */
async function visible(load: () => Promise<unknown>): Promise<boolean> {
  try {
    await load();
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

const asAuthUser = (user: TestUser, role: PlatformRole): AuthUser => ({
  id: user.id,
  role,
  sessionId: 'twin',
});

describe('SQL visibility twins agree with their TypeScript rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('groups and channels: visibility × membership status × role × platform role', () => {
    interface Case {
      group: WorkingGroup;
      standing: Standing;
      channels: Channel[];
    }
    const cases: Case[] = [];
    const viewers: { user: TestUser; role: PlatformRole }[] = [];

    beforeAll(async () => {
      for (const role of Object.values(PlatformRole))
        viewers.push({ user: await createUser(t, { role }), role });
      for (const visibility of Object.values(GroupVisibility)) {
        for (const standing of STANDINGS) {
          const group = await createGroup(t, { visibility });
          // Every viewer holds the same standing in this group, so the group is one combination per viewer.
          if (standing)
            for (const v of viewers) await addMember(t, group, v.user, standing.role, standing.status);
          const em = t.em();
          const channels = [
            em.create(Channel, { group: group.id, kind: ChannelKind.General, name: 'general' }),
            em.create(Channel, {
              group: group.id,
              kind: ChannelKind.Meeting,
              name: 'draft meeting',
              readOnly: true,
              restricted: true,
            }),
          ];
          await em.flush();
          cases.push({ group, standing, channels });
        }
      }
    });

    it('the group directory (groupVisibleSql) lists exactly the groups canSeeGroup lets the caller load', async () => {
      const mismatches: string[] = [];
      let seen = 0;
      const anonymous = { user: null, role: null };
      for (const viewer of [...viewers, anonymous]) {
        const authUser = viewer.user && viewer.role ? asAuthUser(viewer.user, viewer.role) : null;
        const listed = new Set(
          (
            await findDirectoryGroups(t.em(), {
              viewer: {
                userId: authUser?.id ?? null,
                isSteward:
                  viewer.role === PlatformRole.SteeringCommittee || viewer.role === PlatformRole.Admin,
              },
              sort: 'name',
              order: 'asc',
              limit: 10_000,
            })
          ).map((g) => g.id),
        );
        for (const c of cases) {
          // Anonymous callers hold no membership: one combination per visibility is enough.
          if (!authUser && c.standing) continue;
          const ts = await visible(() => loadGroupAccessById(t.em(), c.group.id, authUser));
          if (ts) seen++;
          if (listed.has(c.group.id) !== ts)
            mismatches.push(
              `${c.group.visibility} group, ${describeStanding(authUser ? c.standing : null)}, ` +
                `${viewer.role ?? 'anonymous'}: SQL ${listed.has(c.group.id)}, TypeScript ${ts}`,
            );
        }
      }
      expect(mismatches).toEqual([]);
      // Both answers occur, so agreement is not the trivial "nothing is visible".
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(cases.length * (viewers.length + 1));
    });

    it('unread counts (channelReadableSql) cover exactly the channels loadChannelAccess opens', async () => {
      const readState = t.app.get(ReadStateService);
      const mismatches: string[] = [];
      let seen = 0;
      for (const viewer of viewers) {
        const authUser = asAuthUser(viewer.user, viewer.role);
        const counted = new Set((await readState.unread(authUser)).items.map((i) => i.channelId));
        for (const c of cases) {
          for (const channel of c.channels) {
            const ts = await visible(() => loadChannelAccess(t.em(), channel.id, authUser));
            if (ts) seen++;
            if (counted.has(channel.id) !== ts)
              mismatches.push(
                `${c.group.visibility} group, ${channel.restricted ? 'restricted' : 'open'} channel, ` +
                  `${describeStanding(c.standing)}, ${viewer.role}: SQL ${counted.has(channel.id)}, TypeScript ${ts}`,
              );
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(cases.length * 2 * viewers.length);
    });

    it('message history (selectHistoryPage, channelReadableSql folded in) opens exactly the channels loadChannelAccess opens', async () => {
      const mismatches: string[] = [];
      let seen = 0;
      for (const viewer of viewers) {
        const authUser = asAuthUser(viewer.user, viewer.role);
        for (const c of cases) {
          for (const channel of c.channels) {
            const ts = await visible(() => loadChannelAccess(t.em(), channel.id, authUser));
            const page = await selectHistoryPage(t.em(), channel.id, authUser.id, isSteward(authUser), {
              limit: 1,
              ascending: false,
            });
            if (ts) seen++;
            if ((page !== null) !== ts)
              mismatches.push(
                `${c.group.visibility} group, ${channel.restricted ? 'restricted' : 'open'} channel, ` +
                  `${describeStanding(c.standing)}, ${viewer.role}: SQL ${page !== null}, TypeScript ${ts}`,
              );
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(cases.length * 2 * viewers.length);
    });
  });

  it('the activity feed redaction (meetingForDraftSeersOnlySql) hides exactly what canSeeMeeting refuses: meeting status × standing', async () => {
    const cast = await createGroupCast(t, { visibility: GroupVisibility.Members });
    const anchor = cast.governmentAnchor;
    const meetings: { id: string; agendaItemId: string; status: MeetingStatus }[] = [];
    for (const status of Object.values(MeetingStatus)) {
      // Created as drafts with an agenda item (both audited), then moved to the status under test: the feed
      // follows a meeting's current status, not the one its events recorded.
      const meeting = await t.http
        .post(`/working-groups/${cast.group.slug}/meetings`)
        .set(anchor.auth)
        .send(meetingBody({ title: `Twin ${status}` }))
        .expect(201);
      const item = await t.http
        .post(`/meetings/${meeting.body.id}/agenda-items`)
        .set(anchor.auth)
        .send({ title: `Agenda of ${status}`, durationMinutes: 10 })
        .expect(201);
      await t.em().nativeUpdate(Meeting, { id: meeting.body.id as string }, { status });
      meetings.push({ id: meeting.body.id as string, agendaItemId: item.body.id as string, status });
    }
    // Everyone who may read the feed at all: active members of each role, and stewards from outside.
    const readers: { name: string; user: TestUser; role: PlatformRole }[] = [
      { name: 'anchor', user: anchor, role: PlatformRole.Member },
      { name: 'member', user: cast.member, role: PlatformRole.Member },
      { name: 'observer', user: cast.observer, role: PlatformRole.Member },
      { name: 'steering committee', user: cast.steward, role: PlatformRole.SteeringCommittee },
      { name: 'admin', user: cast.admin, role: PlatformRole.Admin },
    ];
    const mismatches: string[] = [];
    let hidden = 0;
    for (const reader of readers) {
      const feed = await t.http
        .get(`/working-groups/${cast.group.slug}/activity`)
        .query({ limit: 200 })
        .set(reader.user.auth)
        .expect(200);
      const shown = new Set((feed.body.items as { entityId: string }[]).map((e) => e.entityId));
      for (const m of meetings) {
        const ts = await visible(() => loadMeetingAccess(t.em(), m.id, asAuthUser(reader.user, reader.role)));
        if (!ts) hidden++;
        for (const [what, id] of [
          ['meeting', m.id],
          ['its agenda item', m.agendaItemId],
        ])
          if (shown.has(id) !== ts)
            mismatches.push(`${m.status} ${what}, ${reader.name}: feed ${shown.has(id)}, TypeScript ${ts}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(hidden).toBeGreaterThan(0);
  });
});
