import { randomUUID } from 'node:crypto';
import { DomainHooks } from '../src/common/events/hooks';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { MembershipStatus } from '../src/groups/groups.enums';
import {
  closeAllSockets,
  collect,
  connectAs,
  generalChannelId,
  joinOk,
  sendOk,
  until,
  WireMessage,
} from './factories/discussion';
import { createGroupCast, GroupCast } from './factories/groups';
import { useTwoInstances } from './support/two-instances';

/** Two instances of one deployment: same database, same Redis, a key prefix of their own per test run. */
describe('discussion across two instances (Redis adapter)', () => {
  const { a, b } = useTwoInstances();
  let cast: GroupCast;
  let channelId: string;
  beforeAll(async () => {
    cast = await createGroupCast(a);
    channelId = await generalChannelId(a, cast.member, cast.group.slug);
  });
  afterEach(() => closeAllSockets());

  it('delivers a message sent through instance A to a client connected to instance B, in order', async () => {
    const onB = await connectAs(b, cast.observer);
    const onA = await connectAs(a, cast.member);
    await joinOk(onB, channelId);
    const joinedOnA = await joinOk(onA, channelId);
    // Presence spans instances: A sees the observer who joined through B.
    expect(joinedOnA.online).toEqual(expect.arrayContaining([cast.observer.id, cast.member.id]));
    const inbox = collect<WireMessage>(onB, 'message:new');
    const sent: WireMessage[] = [];
    for (let i = 0; i < 20; i += 1) {
      sent.push(await sendOk(onA, { channelId, clientMessageId: randomUUID(), body: `across ${i}` }));
    }
    await until(() => inbox.length === 20, 15_000, '20 messages on instance B');
    expect(inbox.map((m) => m.id)).toEqual(sent.map((m) => m.id));
    expect(inbox[0]).toEqual(sent[0]);
  });

  it('revokes a membership on every instance: the socket on B leaves the rooms when A publishes the event', async () => {
    const onB = await connectAs(b, cast.member);
    await joinOk(onB, channelId);
    const revoked = collect<{ groupSlug: string }>(onB, 'membership:revoked');
    const inbox = collect<WireMessage>(onB, 'message:new');
    await a
      .em()
      .nativeUpdate(
        Membership,
        { group: cast.group.id, user: cast.member.id },
        { status: MembershipStatus.Left },
      );
    a.app.get(DomainHooks).emitCommitted('membership.ended', {
      groupId: cast.group.id,
      groupSlug: cast.group.slug,
      userId: cast.member.id,
      status: 'left',
    });
    await until(() => revoked.length === 1, 15_000, 'membership:revoked on B');
    const writer = await connectAs(a, cast.civilSocietyAnchor);
    const watcher = await connectAs(b, cast.governmentAnchor);
    await joinOk(watcher, channelId);
    const watched = collect<WireMessage>(watcher, 'message:new');
    const m = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'after revocation' });
    await until(() => watched.some((w) => w.id === m.id), 15_000, 'message on B');
    expect(inbox).toEqual([]);
  });
});
