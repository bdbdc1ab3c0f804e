import { MeetingStatus } from '../src/meetings/meetings.enums';
import { DomainHooks } from '../src/common/events/hooks';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { Channel } from '../src/discussion/entities/channel.entity';
import { ChannelKind } from '../src/discussion/discussion.enums';
import { randomUUID } from 'node:crypto';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { GroupRole, GroupVisibility } from '../src/groups/groups.enums';

describe('discussion channels (REST and hooks)', () => {
  const { t, cast } = useGroupCast();

  it('lists a general channel for members, created lazily for a group that had none', async () => {
    const res = await t.http
      .get(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.member.auth)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        groupSlug: cast.group.slug,
        kind: 'general',
        name: 'general',
        readOnly: false,
      }),
    ]);
    expect(res.body.items[0].meetingId).toBeUndefined();
    // Listing again (or concurrently) never creates a second one.
    await Promise.all(
      [cast.observer, cast.governmentAnchor, cast.member].map((u) =>
        t.http.get(`/working-groups/${cast.group.slug}/channels`).set(u.auth).expect(200),
      ),
    );
    expect(await t.em().count(Channel, { group: cast.group.id, kind: ChannelKind.General })).toBe(1);
  });

  it('pages channels by cursor: general, then topics, then meeting channels, drafts only for those who see them', async () => {
    const group = await createGroup(t);
    await addMember(t, group, cast.member, GroupRole.Member);
    await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
    const em = t.em();
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
    const channel = (kind: ChannelKind, name: string, minute: number, flags: Partial<Channel> = {}) =>
      em.create(Channel, {
        group: group.id,
        kind,
        name,
        createdAt: at(minute),
        updatedAt: at(minute),
        ...(kind === ChannelKind.Meeting ? { meetingId: randomUUID(), readOnly: true } : {}),
        ...flags,
      });
    // Created out of display order, with two meeting channels at the same instant (the id breaks the tie).
    channel(ChannelKind.Meeting, 'meeting b', 1);
    channel(ChannelKind.Topic, 'topic 2', 2);
    channel(ChannelKind.Meeting, 'draft meeting', 3, { restricted: true });
    channel(ChannelKind.General, 'general', 4);
    channel(ChannelKind.Topic, 'topic 1', 0);
    channel(ChannelKind.Meeting, 'meeting c', 1);
    await em.flush();

    const walk = async (auth: Record<string, string>): Promise<string[]> => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.http
          .get(`/working-groups/${group.slug}/channels`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(auth)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        names.push(...page.body.items.map((c: { name: string }) => c.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      return names;
    };
    const meetingChannels = (
      await t
        .em()
        .find(
          Channel,
          { group: group.id, kind: ChannelKind.Meeting, restricted: false },
          { orderBy: { id: 'asc' } },
        )
    ).map((c) => c.name);
    expect(await walk(cast.member.auth)).toEqual(['general', 'topic 1', 'topic 2', ...meetingChannels]);
    const anchorView = await walk(cast.governmentAnchor.auth);
    expect(anchorView).toHaveLength(6);
    expect(anchorView.slice(0, 3)).toEqual(['general', 'topic 1', 'topic 2']);
    expect(anchorView[anchorView.length - 1]).toBe('draft meeting');

    const forged = Buffer.from(JSON.stringify(['9|2026-01-01T00:00:00.000Z', randomUUID()])).toString(
      'base64url',
    );
    const refused = await t.http
      .get(`/working-groups/${group.slug}/channels`)
      .query({ cursor: forged })
      .set(cast.member.auth)
      .expect(422);
    expect(refused.body.errors[0].path).toBe('cursor');
  });

  it('shows no channels to non-members of a public group, 404 for a members-only group', async () => {
    const res = await t.http
      .get(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.outsider.auth)
      .expect(200);
    expect(res.body.items).toEqual([]);
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    await t.http.get(`/working-groups/${hidden.slug}/channels`).set(cast.outsider.auth).expect(404);
    await t.http.get(`/working-groups/${cast.group.slug}/channels`).expect(401);
  });

  it('lets anchors create topic channels (audited), refuses members (403) and duplicates (409)', async () => {
    const res = await t.http
      .post(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ name: '  Budget data  ' })
      .expect(201);
    expect(res.body).toMatchObject({ groupSlug: cast.group.slug, kind: 'topic', name: 'Budget data' });
    const audit = await t.em().find(AuditEvent, { action: 'channel.created', entityId: res.body.id });
    expect(audit).toHaveLength(1);

    await t.http
      .post(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ name: 'budget DATA' })
      .expect(409);
    const before = await t.em().count(Channel, { group: cast.group.id });
    await t.http
      .post(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.member.auth)
      .send({ name: 'members cannot' })
      .expect(403);
    await t.http
      .post(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.otherAnchor.auth)
      .send({ name: 'other anchors cannot' })
      .expect(403);
    await t.http
      .post(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.governmentAnchor.auth)
      .send({ name: '', extra: 1 })
      .expect(422);
    expect(await t.em().count(Channel, { group: cast.group.id })).toBe(before);
  });

  it('opens a general channel on group.created and a meeting channel that turns read-only when the meeting ends', async () => {
    const hooks = t.app.get(DomainHooks);
    const group = await createGroup(t);
    const meetingId = randomUUID();
    await t.em().transactional(async (em) => {
      await hooks.runInTransaction('group.created', em, {
        groupId: group.id,
        slug: group.slug,
        name: group.name,
      });
      await hooks.runInTransaction('meeting.created', em, {
        meetingId,
        groupId: group.id,
        title: 'Kick-off',
        status: MeetingStatus.Scheduled,
        actorId: null,
      });
    });
    const channels = await t.em().find(Channel, { group: group.id }, { orderBy: { kind: 'asc' } });
    expect(channels.map((c) => [c.kind, c.name, c.meetingId])).toEqual([
      ['general', 'general', null],
      ['meeting', 'Kick-off', meetingId],
    ]);
    expect(await hooks.ask('meeting.live_channel', t.em(), { meetingId })).toEqual([channels[1].id]);
    expect(await hooks.ask('meeting.live_channel', t.em(), { meetingId: randomUUID() })).toEqual([null]);

    for (const [status, readOnly] of [
      [MeetingStatus.Live, false],
      [MeetingStatus.Concluded, true],
    ] as const) {
      await t.em().transactional((em) =>
        hooks.runInTransaction('meeting.status_changed', em, {
          meetingId,
          groupId: group.id,
          status,
          previousStatus: MeetingStatus.Scheduled,
          reason: null,
          actorId: null,
        }),
      );
      const channel = await t.em().findOneOrFail(Channel, { meetingId });
      expect(channel.readOnly).toBe(readOnly);
    }
  });
});
