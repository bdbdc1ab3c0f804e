import { EntityManager } from '@mikro-orm/postgresql';
import { groupScope } from '../../audit/audit-hash';
import { GroupRole, MembershipStatus } from '../../groups/groups.enums';
import { ActionItemStatus, MeetingStatus, MinutesStatus } from '../../meetings/meetings.enums';
import { OrganizationKind } from '../../organizations/organizations.enums';
import { ReviewStatus } from '../reviews/reviews.enums';

/**
 * The steering overview's read model over other contexts' tables (read only; docs/architecture.md, "Ports").
 * Each function is one set-based statement over a page of groups, so a page costs the same few statements
 * whatever the number of groups (docs/steering.md, "Steering overview").
 */

export interface OverviewGroupRow {
  id: string;
  slug: string;
  name: string;
  status: string;
  visibility: string;
  last_meeting_id: string | null;
  last_meeting_title: string | null;
  last_meeting_starts_at: Date | null;
  next_meeting_id: string | null;
  next_meeting_title: string | null;
  next_meeting_starts_at: Date | null;
  last_activity_at: Date | null;
  open_review_id: string | null;
  open_review_period_end: string | null;
}

/** Audit actions that are the committee's or the platform's doing, not the group's own activity. */
const NOT_GROUP_ACTIVITY = ['review.%', 'group.%'];

/** One page of groups by slug (keyset), with last and next meeting, last activity and open review. */
export async function overviewGroups(
  em: EntityManager,
  afterSlug: string | null,
  limit: number,
  now: Date,
): Promise<OverviewGroupRow[]> {
  const rows = await em.execute<OverviewGroupRow[]>(
    `select g.id, g.slug, g.name, g.status, g.visibility,
            lm.id as last_meeting_id, lm.title as last_meeting_title, lm.starts_at as last_meeting_starts_at,
            nm.id as next_meeting_id, nm.title as next_meeting_title, nm.starts_at as next_meeting_starts_at,
            greatest(
              (select ae.occurred_at from audit_event ae
                where ae.scope = ? || g.id::text and ae.action not like ? and ae.action not like ?
                order by ae.seq desc limit 1),
              (select max(msg.created_at) from message msg join channel c on c.id = msg.channel_id
                where c.group_id = g.id)
            ) as last_activity_at,
            r.id as open_review_id, to_char(r.period_end, 'YYYY-MM-DD') as open_review_period_end
       from working_group g
       left join lateral (select m.id, m.title, m.starts_at from meeting m
                           where m.group_id = g.id and m.status = ? and m.starts_at < ?
                           order by m.starts_at desc limit 1) lm on true
       left join lateral (select m.id, m.title, m.starts_at from meeting m
                           where m.group_id = g.id and m.status in (?, ?) and m.ends_at >= ?
                           order by m.starts_at asc limit 1) nm on true
       left join review r on r.group_id = g.id and r.status = ?
      where (?::text is null or g.slug > ?)
      order by g.slug
      limit ?`,
    [
      groupScope(''),
      ...NOT_GROUP_ACTIVITY,
      MeetingStatus.Concluded,
      now,
      MeetingStatus.Scheduled,
      MeetingStatus.Live,
      now,
      ReviewStatus.Open,
      afterSlug,
      afterSlug,
      limit,
    ],
  );
  // Raw results carry instants as the driver's text; the service compares them as dates.
  return rows.map((row) => ({
    ...row,
    last_meeting_starts_at: asDate(row.last_meeting_starts_at),
    next_meeting_starts_at: asDate(row.next_meeting_starts_at),
    last_activity_at: asDate(row.last_activity_at),
  }));
}

const asDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

export interface AnchorRow {
  group_id: string;
  user_id: string;
  display_name: string;
  organization_id: string;
  organization_name: string;
  kind: OrganizationKind;
}

/** Active anchors of the groups with an organisation of a kind that gives an anchor type. */
export async function overviewAnchors(em: EntityManager, groupIds: string[]): Promise<AnchorRow[]> {
  if (groupIds.length === 0) return [];
  return em.execute<AnchorRow[]>(
    `select ms.group_id, u.id as user_id, u.display_name, o.id as organization_id, o.name as organization_name,
            o.kind
       from membership ms join "user" u on u.id = ms.user_id join organization o on o.id = u.organization_id
      where ms.group_id = any(?::uuid[]) and ms.status = ? and ms.role = ? and o.kind in (?, ?)
      order by ms.group_id, o.name, u.display_name, u.id`,
    [
      `{${groupIds.join(',')}}`,
      MembershipStatus.Active,
      GroupRole.Anchor,
      OrganizationKind.Government,
      OrganizationKind.CivilSociety,
    ],
  );
}

export interface BalanceRow {
  group_id: string;
  attendee_orgs: number;
  attendee_government_orgs: number;
  attendee_civil_society_orgs: number;
  author_orgs: number;
  author_government_orgs: number;
  author_civil_society_orgs: number;
  action_items_closed_on_time: number;
  action_items_closed_late: number;
  action_items_overdue: number;
}

/**
 * Participation balance and action items over [start, now):
 * - distinct organisations of the attendees of the meetings held (concluded, starting in the window), and of
 *   the authors of the messages posted (not deleted) in the window, with how many are government or civil
 *   society (people without an organisation are not counted);
 * - action items of published minutes due in the window (`due_date` in [start, today)): done by the end of
 *   their due date (UTC; the item's last update is when it was closed), done later, or still open (overdue).
 */
export async function overviewBalance(
  em: EntityManager,
  groupIds: string[],
  start: Date,
  now: Date,
): Promise<BalanceRow[]> {
  if (groupIds.length === 0) return [];
  const gov = OrganizationKind.Government;
  const cso = OrganizationKind.CivilSociety;
  const rows = await em.execute<Record<string, string>[]>(
    `with p as (select ?::timestamptz as s, ?::timestamptz as e),
     att as (select distinct m.group_id, o.id, o.kind from meeting m cross join p
               join attendance a on a.meeting_id = m.id join "user" u on u.id = a.user_id
               join organization o on o.id = u.organization_id
              where m.group_id = any(?::uuid[]) and m.status = ? and m.starts_at >= p.s and m.starts_at < p.e),
     aut as (select distinct c.group_id, o.id, o.kind from message msg cross join p
               join channel c on c.id = msg.channel_id join "user" u on u.id = msg.author_id
               join organization o on o.id = u.organization_id
              where c.group_id = any(?::uuid[]) and msg.deleted_at is null
                and msg.created_at >= p.s and msg.created_at < p.e),
     ai as (select ai.group_id,
                   count(*) filter (where ai.status = ? and ai.updated_at < (ai.due_date + 1)::timestamp at time zone 'UTC') as on_time,
                   count(*) filter (where ai.status = ? and ai.updated_at >= (ai.due_date + 1)::timestamp at time zone 'UTC') as late,
                   count(*) filter (where ai.status = ?) as overdue
              from action_item ai cross join p join minutes mi on mi.id = ai.minutes_id
             where ai.group_id = any(?::uuid[]) and mi.status = ?
               and ai.due_date >= (p.s at time zone 'UTC')::date and ai.due_date < (p.e at time zone 'UTC')::date
             group by ai.group_id)
     select g.id as group_id,
            (select count(*) from att where att.group_id = g.id) as attendee_orgs,
            (select count(*) from att where att.group_id = g.id and att.kind = ?) as attendee_government_orgs,
            (select count(*) from att where att.group_id = g.id and att.kind = ?) as attendee_civil_society_orgs,
            (select count(*) from aut where aut.group_id = g.id) as author_orgs,
            (select count(*) from aut where aut.group_id = g.id and aut.kind = ?) as author_government_orgs,
            (select count(*) from aut where aut.group_id = g.id and aut.kind = ?) as author_civil_society_orgs,
            coalesce(ai.on_time, 0) as action_items_closed_on_time,
            coalesce(ai.late, 0) as action_items_closed_late,
            coalesce(ai.overdue, 0) as action_items_overdue
       from working_group g left join ai on ai.group_id = g.id
      where g.id = any(?::uuid[])`,
    [
      start,
      now,
      `{${groupIds.join(',')}}`,
      MeetingStatus.Concluded,
      `{${groupIds.join(',')}}`,
      ActionItemStatus.Done,
      ActionItemStatus.Done,
      ActionItemStatus.Open,
      `{${groupIds.join(',')}}`,
      MinutesStatus.Published,
      gov,
      cso,
      gov,
      cso,
      `{${groupIds.join(',')}}`,
    ],
  );
  return rows.map((r) => ({
    group_id: r.group_id,
    attendee_orgs: Number(r.attendee_orgs),
    attendee_government_orgs: Number(r.attendee_government_orgs),
    attendee_civil_society_orgs: Number(r.attendee_civil_society_orgs),
    author_orgs: Number(r.author_orgs),
    author_government_orgs: Number(r.author_government_orgs),
    author_civil_society_orgs: Number(r.author_civil_society_orgs),
    action_items_closed_on_time: Number(r.action_items_closed_on_time),
    action_items_closed_late: Number(r.action_items_closed_late),
    action_items_overdue: Number(r.action_items_overdue),
  }));
}
