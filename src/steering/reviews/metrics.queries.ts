import { EntityManager } from '@mikro-orm/postgresql';
import { SqlFragment } from '../../common/sql';
import { MembershipStatus } from '../../groups/groups.enums';
import { MeetingStatus, RsvpStatus } from '../../meetings/meetings.enums';

/**
 * The review metrics: a read model over other contexts' tables (meetings, documents, discussion, groups,
 * consensus, cooperation), read
 * only (docs/architecture.md, "Ports"). Each metric is one named SQL fragment evaluated per group `g` over the
 * period `p` = [p.s, p.e) (UTC instants); `computeMetrics` runs all of them for any number of groups in one
 * statement. Definitions: docs/steering.md, "Reviews".
 */
export interface ReviewMetrics {
  meetingsHeld: number;
  averageAttendanceRate: number | null;
  documentsPublished: number;
  activeMembers: number;
  messagesPosted: number;
  priorityAreasAdopted: number;
  commitmentsSupported: number;
  openAssistanceRequests: number;
}

/** A held meeting: concluded and starting in the period (DESIGN.md, `POST /working-groups/:slug/reviews`). */
const HELD_MEETING = {
  sql: `m.group_id = g.id and m.status = ? and m.starts_at >= p.s and m.starts_at < p.e`,
  params: [MeetingStatus.Concluded],
};

/** One fragment per metric, in the order of ReviewMetrics. */
export const METRIC_FRAGMENTS: Record<keyof ReviewMetrics, SqlFragment> = {
  meetingsHeld: {
    sql: `(select count(*) from meeting m where ${HELD_MEETING.sql})`,
    params: HELD_MEETING.params,
  },
  // Pooled over the held meetings: all their attendees / all their confirmed `going` RSVPs (waitlisted ones
  // hold no seat); null when there is no such RSVP. Walk-ins count, so the rate may exceed 1.
  averageAttendanceRate: {
    sql: `(select case when coalesce(sum(x.going), 0) = 0 then null
                  else round(sum(x.attended)::numeric / sum(x.going), 4) end
             from (select (select count(*) from rsvp r
                            where r.meeting_id = m.id and r.status = ? and r.waitlist_ticket is null) as going,
                          (select count(*) from attendance a where a.meeting_id = m.id) as attended
                     from meeting m where ${HELD_MEETING.sql}) x)`,
    params: [RsvpStatus.Going, ...HELD_MEETING.params],
  },
  // Documents not deleted whose first version was stored in the period.
  documentsPublished: {
    sql: `(select count(*) from document d
             join document_version v on v.document_id = d.id and v.number = 1
            where d.group_id = g.id and d.deleted_at is null and v.created_at >= p.s and v.created_at < p.e)`,
    params: [],
  },
  // Memberships active at the period's end. The table keeps no history: a membership counts from its approval
  // (or creation) and, once left or removed, until its last update (the moment it ended).
  activeMembers: {
    sql: `(select count(*) from membership ms
            where ms.group_id = g.id and coalesce(ms.approved_at, ms.created_at) < p.e
              and (ms.status = ? or (ms.status in (?, ?) and ms.updated_at >= p.e)))`,
    params: [MembershipStatus.Active, MembershipStatus.Left, MembershipStatus.Removed],
  },
  // Messages posted in the period in any channel of the group, deleted ones (tombstones) left out.
  messagesPosted: {
    sql: `(select count(*) from message msg join channel c on c.id = msg.channel_id
            where c.group_id = g.id and msg.deleted_at is null
              and msg.created_at >= p.s and msg.created_at < p.e)`,
    params: [],
  },
  // Priority areas adopted in the period (whatever became of them since: a later retirement keeps the adoption).
  priorityAreasAdopted: {
    sql: `(select count(*) from priority_area pa
            where pa.group_id = g.id and pa.adopted_at >= p.s and pa.adopted_at < p.e)`,
    params: [],
  },
  // Commitments the group supports at the period's end: recorded before it (a commitment is never removed).
  commitmentsSupported: {
    sql: `(select count(*) from commitment cm where cm.group_id = g.id and cm.created_at < p.e)`,
    params: [],
  },
  // Assistance requests open at the period's end: asked before it and not closed or withdrawn by then
  // (`closed_at` is set by both).
  openAssistanceRequests: {
    sql: `(select count(*) from assistance_request ar
            where ar.group_id = g.id and ar.created_at < p.e and (ar.closed_at is null or ar.closed_at >= p.e))`,
    params: [],
  },
};

const METRIC_NAMES = Object.keys(METRIC_FRAGMENTS) as (keyof ReviewMetrics)[];

const column = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type MetricRow = { group_id: string } & Record<string, string | number | null>;

/** Every metric of every group in `groupIds` for [start, end), in one statement. */
export async function computeMetrics(
  em: EntityManager,
  groupIds: string[],
  start: Date,
  end: Date,
): Promise<Map<string, ReviewMetrics>> {
  if (groupIds.length === 0) return new Map();
  const selects: string[] = [];
  const params: unknown[] = [start, end];
  for (const name of METRIC_NAMES) {
    const fragment = METRIC_FRAGMENTS[name];
    selects.push(`${fragment.sql} as ${column(name)}`);
    params.push(...fragment.params);
  }
  params.push(`{${groupIds.join(',')}}`);
  const rows = await em.execute<MetricRow[]>(
    `with p as (select ?::timestamptz as s, ?::timestamptz as e)
     select g.id as group_id, ${selects.join(',\n')}
       from working_group g cross join p
      where g.id = any(?::uuid[])`,
    params,
  );
  return new Map(
    rows.map((row) => {
      const metrics = Object.fromEntries(
        METRIC_NAMES.map((name) => {
          const value = row[column(name)];
          return [name, value === null || value === undefined ? null : Number(value)];
        }),
      ) as unknown as ReviewMetrics;
      return [row.group_id, metrics];
    }),
  );
}

/** The metrics of one group for [start, end). */
export async function computeGroupMetrics(
  em: EntityManager,
  groupId: string,
  start: Date,
  end: Date,
): Promise<ReviewMetrics> {
  const metrics = (await computeMetrics(em, [groupId], start, end)).get(groupId);
  if (!metrics) throw new Error(`No metrics row for group ${groupId}`);
  return metrics;
}
