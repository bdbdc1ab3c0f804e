import { EntityManager } from '@mikro-orm/postgresql';
import { SqlFragment } from '../common/sql';
import { AgendaItemStatus, MeetingStatus, RsvpStatus } from './meetings.enums';

/**
 * The meetings context's hand-written SQL. Values are always parameters (enum values included); rules restated
 * here from TypeScript name their twin and are pinned by a test that both agree.
 */

/**
 * SQL twin of the draft rule of `canSeeMeeting` (meeting-access.ts): true for a meeting (`alias`) that only those
 * who `seesDrafts` may see. Kept equal by test/sql-visibility-twins.e2e-spec.ts; change both together.
 */
export function meetingForDraftSeersOnlySql(alias: string): SqlFragment {
  return { sql: `${alias}.status = ?`, params: [MeetingStatus.Draft] };
}

/** Ids of a group's meetings that only draft-seers may see, and of their agenda items. */
export async function draftOnlyMeetingContentIds(em: EntityManager, groupId: string): Promise<string[]> {
  const draftOnly = meetingForDraftSeersOnlySql('m');
  const rows = await em.execute<{ id: string }[]>(
    `select m.id from meeting m where m.group_id = ? and ${draftOnly.sql}
     union all
     select a.id from agenda_item a join meeting m on m.id = a.meeting_id where m.group_id = ? and ${draftOnly.sql}`,
    [groupId, ...draftOnly.params, groupId, ...draftOnly.params],
  );
  return rows.map((r) => r.id);
}

/**
 * Takes FOR SHARE on the caller's membership row of the meeting's group (if any), before the meeting row: the
 * order of docs/architecture.md, "Lock order".
 */
export async function shareLockMembershipOfMeeting(
  em: EntityManager,
  meetingId: string,
  userId: string,
): Promise<void> {
  await em.execute(
    `select 1 from membership ms join meeting mt on mt.group_id = ms.group_id
      where mt.id = ? and ms.user_id = ? for share of ms`,
    [meetingId, userId],
  );
}

export interface AttendanceRow {
  id: string;
  first_joined_at: Date;
  /** False when the person had joined before (the row was only touched). */
  inserted: boolean;
}

/** Records a join in one statement: concurrent joins of one person cannot create two rows or lose the first time. */
export async function upsertAttendance(
  em: EntityManager,
  meetingId: string,
  userId: string,
  now: Date,
): Promise<AttendanceRow | undefined> {
  const [row] = await em.execute<AttendanceRow[]>(
    `insert into attendance (id, created_at, updated_at, meeting_id, user_id, first_joined_at, last_seen_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
     on conflict (meeting_id, user_id) do update set last_seen_at = excluded.last_seen_at,
       updated_at = excluded.updated_at
     returning id, first_joined_at, (xmax = 0) as inserted`,
    [now, now, meetingId, userId, now, now],
  );
  return row;
}

/** The highest agenda position of a meeting, 0 when it has none. Call with the meeting row locked. */
export async function lastAgendaPosition(em: EntityManager, meetingId: string): Promise<number> {
  const [row] = await em.execute<{ max: number | null }[]>(
    'select max(position) as max from agenda_item where meeting_id = ?',
    [meetingId],
  );
  return Number(row?.max ?? 0);
}

export interface MeetingStatsRow {
  id: string;
  /** Minutes of accepted agenda items. */
  planned: number;
  /** Confirmed seats: going and not waitlisted. */
  going: number;
  waitlisted: number;
  maybe: number;
  declined: number;
  /** The viewer's own RSVP (null when none or anonymous) and, when waitlisted, its 1-based position. */
  myStatus: RsvpStatus | null;
  myWaitlistPosition: number | null;
}

/** Derived figures of many meetings in one query (not one per meeting), with the viewer's own RSVP. */
export async function meetingStats(
  em: EntityManager,
  meetingIds: string[],
  viewerId: string | null,
): Promise<MeetingStatsRow[]> {
  const rows = await em.execute<
    {
      id: string;
      planned: string;
      going: string;
      waitlisted: string;
      maybe: string;
      declined: string;
      my_status: RsvpStatus | null;
      my_position: string | null;
    }[]
  >(
    `select m.id,
       coalesce((select sum(a.duration_minutes) from agenda_item a
                 where a.meeting_id = m.id and a.status = ?), 0) as planned,
       (select count(*) from rsvp r where r.meeting_id = m.id and r.status = ?
          and r.waitlist_ticket is null) as going,
       (select count(*) from rsvp r where r.meeting_id = m.id and r.waitlist_ticket is not null) as waitlisted,
       (select count(*) from rsvp r where r.meeting_id = m.id and r.status = ?) as maybe,
       (select count(*) from rsvp r where r.meeting_id = m.id and r.status = ?) as declined,
       mine.status as my_status,
       case when mine.waitlist_ticket is null then null else
         (select count(*) from rsvp w where w.meeting_id = m.id and w.waitlist_ticket is not null
             and w.waitlist_ticket <= mine.waitlist_ticket) end as my_position
     from meeting m
     left join rsvp mine on mine.meeting_id = m.id and mine.user_id = ?::uuid
     where m.id = any(?::uuid[])`,
    [
      AgendaItemStatus.Accepted,
      RsvpStatus.Going,
      RsvpStatus.Maybe,
      RsvpStatus.Declined,
      viewerId,
      `{${meetingIds.join(',')}}`,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    planned: Number(r.planned),
    going: Number(r.going),
    waitlisted: Number(r.waitlisted),
    maybe: Number(r.maybe),
    declined: Number(r.declined),
    myStatus: r.my_status,
    myWaitlistPosition: r.my_position === null ? null : Number(r.my_position),
  }));
}
