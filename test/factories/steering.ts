import { randomBytes, randomUUID } from 'node:crypto';
import { Channel } from '../../src/discussion/entities/channel.entity';
import { ChannelKind } from '../../src/discussion/discussion.enums';
import { DocumentVersion } from '../../src/documents/entities/document-version.entity';
import { Document } from '../../src/documents/entities/document.entity';
import { DocumentKind, DocumentVisibility } from '../../src/documents/documents.enums';
import { Membership } from '../../src/groups/membership/entities/membership.entity';
import { GroupRole, MembershipStatus } from '../../src/groups/groups.enums';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import { Attendance } from '../../src/meetings/entities/attendance.entity';
import { ActionItem, Minutes } from '../../src/meetings/entities/minutes.entity';
import { Rsvp } from '../../src/meetings/entities/rsvp.entity';
import {
  ActionItemStatus,
  MeetingStatus,
  MinutesStatus,
  RsvpStatus,
} from '../../src/meetings/meetings.enums';
import { Review } from '../../src/steering/reviews/entities/review.entity';
import { TestApp } from '../support/test-app';
import { insertMeeting } from './meetings';

/**
 * Direct inserts with chosen timestamps, so a test can build a group's history in a past period (the API always
 * stamps "now").
 */

export const at = (iso: string): Date => new Date(iso);

/** A concluded (or other) meeting at `startsAt` with `going` confirmed RSVPs, waitlisted ones and attendees. */
export async function heldMeeting(
  t: TestApp,
  group: WorkingGroup,
  author: { id: string },
  startsAt: Date,
  people: { going?: { id: string }[]; waitlisted?: { id: string }[]; attended?: { id: string }[] } = {},
  status: MeetingStatus = MeetingStatus.Concluded,
): Promise<string> {
  const meeting = await insertMeeting(t, group, author, { status, startsAt });
  const em = t.em();
  let ticket = 0;
  for (const u of people.going ?? [])
    em.create(Rsvp, { meeting: meeting.id, user: u.id, status: RsvpStatus.Going });
  for (const u of people.waitlisted ?? []) {
    em.create(Rsvp, { meeting: meeting.id, user: u.id, status: RsvpStatus.Going, waitlistTicket: ++ticket });
  }
  for (const u of people.attended ?? []) {
    em.create(Attendance, { meeting: meeting.id, user: u.id, firstJoinedAt: startsAt, lastSeenAt: startsAt });
  }
  await em.flush();
  return meeting.id;
}

/** A document whose versions were stored at `versionTimes` (the first is the publication). */
export async function documentWithVersions(
  t: TestApp,
  group: WorkingGroup,
  author: { id: string },
  versionTimes: Date[],
  deletedAt: Date | null = null,
): Promise<string> {
  const em = t.em();
  const document = em.create(Document, {
    group: group.id,
    title: `Doc ${randomBytes(3).toString('hex')}`,
    kind: DocumentKind.Report,
    visibility: DocumentVisibility.Public,
    createdBy: author.id,
    createdAt: versionTimes[0],
    deletedAt,
    latestVersionNumber: versionTimes.length,
  });
  versionTimes.forEach((createdAt, i) =>
    em.create(DocumentVersion, {
      document,
      number: i + 1,
      filename: 'report.pdf',
      mimeType: 'application/pdf',
      size: 10,
      sha256: '0'.repeat(64),
      uploadedBy: author.id,
      storageKey: `documents/test/${randomUUID()}`,
      createdAt,
    }),
  );
  await em.flush();
  return document.id;
}

export async function groupChannel(t: TestApp, group: WorkingGroup): Promise<Channel> {
  const em = t.em();
  const channel = em.create(Channel, { group: group.id, kind: ChannelKind.Topic, name: `t-${randomUUID()}` });
  await em.flush();
  return channel;
}

let seqs = new Map<string, number>();

/** A message posted at `createdAt` (a tombstone when `deleted`). */
export async function messageAt(
  t: TestApp,
  channel: Channel,
  author: { id: string },
  createdAt: Date,
  deleted = false,
): Promise<void> {
  const seq = (seqs.get(channel.id) ?? 0) + 1;
  seqs.set(channel.id, seq);
  await t.em().execute(
    `insert into message (id, channel_id, seq, author_id, body, mentions, client_message_id, edits, created_at, deleted_at)
     values (?, ?, ?, ?, ?, '{}', ?, '[]', ?, ?)`,
    [
      randomUUID(),
      channel.id,
      seq,
      author.id,
      deleted ? null : 'hello',
      randomUUID(),
      createdAt,
      deleted ? createdAt : null,
    ],
  );
  await t.em().execute('update channel set last_seq = ? where id = ?', [seq, channel.id]);
}

export const resetMessageSeqs = (): void => {
  seqs = new Map();
};

/** A membership with its history: approved (or created) at `joinedAt`, last updated (ended) at `updatedAt`. */
export async function membershipAt(
  t: TestApp,
  group: WorkingGroup,
  user: { id: string },
  status: MembershipStatus,
  joinedAt: Date,
  updatedAt: Date = joinedAt,
  role: GroupRole = GroupRole.Member,
): Promise<void> {
  const em = t.em();
  const membership = em.create(Membership, {
    group: group.id,
    user: user.id,
    role,
    status,
    approvedAt: status === MembershipStatus.Requested ? null : joinedAt,
    createdAt: joinedAt,
  });
  await em.flush();
  await em.execute('update membership set updated_at = ? where id = ?', [updatedAt, membership.id]);
}

/** Inserts an open review directly (authorization tests need one per cell). */
export async function insertReview(
  t: TestApp,
  group: WorkingGroup,
  openedBy: { id: string },
  period: { periodStart: string; periodEnd: string } = { periodStart: '2026-01-01', periodEnd: '2026-04-01' },
): Promise<Review> {
  const em = t.em();
  const review = em.create(Review, { group: group.id, openedBy: openedBy.id, ...period });
  await em.flush();
  return review;
}

/** Published minutes of a concluded meeting with action items (due date, status, time of the last update). */
export async function actionItems(
  t: TestApp,
  group: WorkingGroup,
  author: { id: string },
  assignee: { id: string },
  items: { dueDate: string; status: ActionItemStatus; updatedAt: Date }[],
): Promise<void> {
  const meeting = await insertMeeting(t, group, author, {
    status: MeetingStatus.Concluded,
    startsAt: new Date(Date.now() - 200 * 86_400_000),
  });
  const em = t.em();
  const minutes = em.create(Minutes, {
    meeting: meeting.id,
    body: 'Minutes',
    status: MinutesStatus.Published,
    publishedAt: new Date(),
    updatedBy: author.id,
  });
  const rows = items.map((item, i) =>
    em.create(ActionItem, {
      minutes,
      group: group.id,
      position: i + 1,
      title: `Item ${i + 1}`,
      assignee: assignee.id,
      dueDate: item.dueDate,
      status: item.status,
    }),
  );
  await em.flush();
  for (const [i, row] of rows.entries()) {
    await em.execute('update action_item set updated_at = ? where id = ?', [items[i].updatedAt, row.id]);
  }
}

/** A priority area inserted with its adoption time (null: never adopted), for the review metrics. */
export async function priorityAreaAt(
  t: TestApp,
  group: WorkingGroup,
  createdBy: { id: string },
  status: 'proposed' | 'adopted' | 'retired',
  adoptedAt: Date | null,
): Promise<void> {
  await t.em().execute(
    `insert into priority_area (id, created_at, updated_at, group_id, title, description, status, adopted_at,
                                adopted_by_id, retired_at, created_by_id)
     values (?, now(), now(), ?, ?, 'An area', ?, ?, ?, ?, ?)`,
    [
      randomUUID(),
      group.id,
      `Area ${randomBytes(3).toString('hex')}`,
      status,
      adoptedAt,
      adoptedAt ? createdBy.id : null,
      status === 'retired' ? new Date() : null,
      createdBy.id,
    ],
  );
}

/** A commitment recorded at `createdAt`. */
export async function commitmentAt(
  t: TestApp,
  group: WorkingGroup,
  createdBy: { id: string },
  reference: string,
  createdAt: Date,
): Promise<void> {
  await t.em().execute(
    `insert into commitment (id, created_at, updated_at, group_id, country, cycle, reference, title, created_by_id)
     values (?, ?, ?, ?, 'MX', '2024-2027', ?, 'A commitment', ?)`,
    [randomUUID(), createdAt, createdAt, group.id, reference, createdBy.id],
  );
}

/** An assistance request asked at `createdAt` and closed or withdrawn at `closedAt` (null: still open). */
export async function assistanceAt(
  t: TestApp,
  group: WorkingGroup,
  createdBy: { id: string },
  requestingOrganizationId: string,
  createdAt: Date,
  closedAt: Date | null,
  status: 'open' | 'matched' | 'in_progress' | 'closed' | 'withdrawn',
): Promise<void> {
  await t.em().execute(
    `insert into assistance_request (id, created_at, updated_at, group_id, kind, topic, description,
                                     requesting_organization_id, status, created_by_id, closed_at)
     values (?, ?, ?, ?, 'peer_exchange', 'A topic', 'A description', ?, ?, ?, ?)`,
    [randomUUID(), createdAt, createdAt, group.id, requestingOrganizationId, status, createdBy.id, closedAt],
  );
}
