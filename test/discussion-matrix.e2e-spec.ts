import { GroupVisibility } from '../src/groups/groups.enums';
import { describeMatrix, MatrixCell, MatrixRow } from './factories/access-matrix';
import { generalChannelId } from './factories/discussion';
import { meetingBody } from './factories/meetings';
import type { TestApp } from './support/test-app';

/**
 * Who may do what on the discussion routes. Columns: anonymous, outsider, observer, member, anchor of another
 * group, anchor, steward (Steering Committee), admin. Discussions are for active members: stewards and admins
 * who are not members get an empty channel list and 404 for a channel. Each cell runs against a fresh group.
 */
let t: TestApp;

const MEMBERS_ONLY = { visibility: GroupVisibility.Members };
/** Active members read; everyone else signed in gets 404 for the channel. */
const CHANNEL_READERS = {
  anonymous: 401,
  outsider: 404,
  observer: 200,
  member: 200,
  otherAnchor: 404,
  anchor: 200,
  steward: 404,
  admin: 404,
};

/** Every signed-in column set to `status` (anonymous stays 401: every discussion route needs a token). */
function signedIn(status: number): MatrixRow['expect'] {
  return {
    anonymous: 401,
    outsider: status,
    observer: status,
    member: status,
    otherAnchor: status,
    anchor: status,
    steward: status,
    admin: status,
  };
}

const generalChannel = async (c: MatrixCell) => ({
  id: await generalChannelId(t, c.people.governmentAnchor, c.group.slug),
});

/** The channel of a meeting the anchor just created, in `status` (draft or scheduled). */
const meetingChannel = (status: 'draft' | 'scheduled') => async (c: MatrixCell) => {
  const anchor = c.people.governmentAnchor;
  const meeting = await t.http
    .post(`/working-groups/${c.group.slug}/meetings`)
    .set(anchor.auth)
    .send(meetingBody({ status }))
    .expect(201);
  const list = await t.http.get(`/working-groups/${c.group.slug}/channels`).set(anchor.auth).expect(200);
  const channel = (list.body.items as { id: string; meetingId?: string }[]).find(
    (ch) => ch.meetingId === meeting.body.id,
  );
  if (!channel) throw new Error('the anchor does not see the meeting channel');
  return { id: channel.id };
};

const ROWS: MatrixRow[] = [
  { route: 'GET /working-groups/:slug/channels', expect: signedIn(200) },
  {
    route: 'GET /working-groups/:slug/channels',
    note: 'members-only group',
    group: MEMBERS_ONLY,
    expect: { ...CHANNEL_READERS, steward: 200, admin: 200 },
  },
  {
    route: 'POST /working-groups/:slug/channels',
    body: () => ({ name: 'matrix-topic' }),
    expect: {
      anonymous: 401,
      outsider: 403,
      observer: 403,
      member: 403,
      otherAnchor: 403,
      anchor: 201,
      steward: 403,
      admin: 403,
    },
  },
  {
    route: 'POST /working-groups/:slug/channels',
    note: 'members-only group',
    group: MEMBERS_ONLY,
    body: () => ({ name: 'matrix-topic' }),
    expect: {
      anonymous: 401,
      outsider: 404,
      observer: 403,
      member: 403,
      otherAnchor: 404,
      anchor: 201,
      steward: 403,
      admin: 403,
    },
  },
  {
    route: 'GET /channels/:id/messages',
    note: 'general channel',
    params: generalChannel,
    expect: CHANNEL_READERS,
  },
  {
    route: 'GET /channels/:id/messages',
    note: 'general channel of a members-only group',
    group: MEMBERS_ONLY,
    params: generalChannel,
    expect: CHANNEL_READERS,
  },
  {
    route: 'GET /channels/:id/messages',
    note: "a scheduled meeting's channel",
    params: meetingChannel('scheduled'),
    expect: CHANNEL_READERS,
  },
  {
    route: 'GET /channels/:id/messages',
    note: "a draft meeting's channel: anchors only",
    params: meetingChannel('draft'),
    expect: { ...CHANNEL_READERS, observer: 404, member: 404 },
  },
  { route: 'GET /me/unread', expect: signedIn(200) },
];

describeMatrix('discussion authorization matrix', ROWS, (app) => {
  t = app;
});
