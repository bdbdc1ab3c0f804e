import { randomUUID } from 'node:crypto';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { closeAllSockets, connectAs, emitAck, generalChannelId, sendOk } from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import { createUser } from './factories/users';

interface UnreadItem {
  channelId: string;
  channelName: string;
  groupSlug: string;
  groupName: string;
  unread: number;
  mentions: number;
}

describe('GET /me/unread: channel and group names, totals', () => {
  const { t, cast } = useGroupCast();
  afterEach(() => closeAllSockets());

  it('names each channel and its group and sums unread and mentions over all channels', async () => {
    const reader = await createUser(t, { displayName: `Reader ${randomUUID().slice(0, 6)}` });
    await addMember(t, cast.group, reader, GroupRole.Observer);
    const channelId = await generalChannelId(t, cast.member, cast.group.slug);
    const readerSocket = await connectAs(t, reader);
    const writer = await connectAs(t, cast.member);
    const first = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'before' });
    await emitAck(readerSocket, 'read', { channelId, seq: first.seq });
    await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'one' });
    await sendOk(writer, {
      channelId,
      clientMessageId: randomUUID(),
      body: `two for @${reader.displayName}`,
    });

    const res = await t.http.get('/me/unread').set(reader.auth).expect(200);
    const items = res.body.items as UnreadItem[];
    expect(items.find((i) => i.channelId === channelId)).toEqual({
      channelId,
      channelName: 'general',
      groupSlug: cast.group.slug,
      groupName: cast.group.name,
      unread: 2,
      mentions: 1,
    });
    expect(res.body.totalUnread).toBe(items.reduce((s, i) => s + i.unread, 0));
    expect(res.body.totalMentions).toBe(items.reduce((s, i) => s + i.mentions, 0));
    expect(res.body.totalUnread).toBeGreaterThanOrEqual(2);
    expect(res.body.totalMentions).toBe(1);
    expect(res.body.nextCursor).toBeNull();
  });

  it('a left membership and an outsider: no items, totals 0; anonymous 401', async () => {
    const former = await createUser(t);
    await addMember(t, cast.group, former);
    const before = await t.http.get('/me/unread').set(former.auth).expect(200);
    expect((before.body.items as UnreadItem[]).map((i) => i.groupSlug)).toContain(cast.group.slug);
    const em = t.em();
    await em.nativeUpdate(
      Membership,
      { user: former.id, group: cast.group.id },
      { status: MembershipStatus.Left },
    );
    for (const user of [former, cast.outsider]) {
      const res = await t.http.get('/me/unread').set(user.auth).expect(200);
      expect(res.body).toEqual({ items: [], nextCursor: null, totalUnread: 0, totalMentions: 0 });
    }
    await t.http.get('/me/unread').expect(401);
  });
});
