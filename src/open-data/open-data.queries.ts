import { EntityManager } from '@mikro-orm/postgresql';
import { publicGroupSql } from '../groups/public-groups-access';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';
import { PriorityAreaStatus } from '../consensus/consensus.enums';
import { MeetingStatus, MinutesStatus } from '../meetings/meetings.enums';
import { OrganizationKind } from '../organizations/organizations.enums';

/**
 * The open-data context's SQL: read-only statements over the tables of groups, meetings, consensus and
 * cooperation (a published read model, like the steering metrics), one per entity, whatever the number of groups.
 * Organisations are published only through verified affiliations (an anchor's or member's organisation counts
 * once verified, as for the anchor invariant and the tallies).
 * Every statement starts from the public groups (`publicGroupSql`, the anonymous case of `canSeeGroup`) and
 * selects only columns that are public facts: no emails, no people's names, no online URLs, nothing of a
 * members-only group.
 */

/** All public groups, or the one with this id (the group export). */
export interface OpenDataScope {
  groupId?: string;
}

type Raw = Record<string, unknown>;

function scoped(scope: OpenDataScope, alias: string): { sql: string; params: unknown[] } {
  const visible = publicGroupSql(alias);
  if (!scope.groupId) return visible;
  return { sql: `${visible.sql} and ${alias}.id = ?`, params: [...visible.params, scope.groupId] };
}

const anchorOrganizations = (kind: OrganizationKind): { sql: string; params: unknown[] } => ({
  sql: `coalesce((select array_agg(distinct o.name order by o.name) from membership m
           join "user" u on u.id = m.user_id join organization o on o.id = u.organization_id
          where m.group_id = g.id and m.role = ? and m.status = ? and o.kind = ?
            and u.affiliation_verified_at is not null), '{}')`,
  params: [GroupRole.Anchor, MembershipStatus.Active, kind],
});

export async function groupRows(em: EntityManager, scope: OpenDataScope): Promise<Raw[]> {
  const where = scoped(scope, 'g');
  const government = anchorOrganizations(OrganizationKind.Government);
  const civilSociety = anchorOrganizations(OrganizationKind.CivilSociety);
  return em.execute(
    `select g.slug, g.name, g.theme, g.description, g.status,
            ${government.sql} as government_anchor_organizations,
            ${civilSociety.sql} as civil_society_anchor_organizations,
            coalesce((select array_agg(distinct o.country order by o.country) from membership m
                        join "user" u on u.id = m.user_id join organization o on o.id = u.organization_id
                       where m.group_id = g.id and m.status = ? and o.country is not null
                         and u.affiliation_verified_at is not null), '{}') as member_countries,
            (select count(*) from meeting mt where mt.group_id = g.id and mt.status = ?)::int as meetings_held,
            (select count(*) from priority_area pa where pa.group_id = g.id and pa.status = ?)::int
              as priority_areas_adopted,
            (select count(*) from commitment c where c.group_id = g.id)::int as commitments,
            g.created_at
       from working_group g
      where ${where.sql}
      order by g.slug`,
    [
      ...government.params,
      ...civilSociety.params,
      MembershipStatus.Active,
      MeetingStatus.Concluded,
      PriorityAreaStatus.Adopted,
      ...where.params,
    ],
  );
}

export async function meetingRows(em: EntityManager, scope: OpenDataScope): Promise<Raw[]> {
  const where = scoped(scope, 'g');
  return em.execute(
    `select mt.id, g.slug as group_slug, mt.title, mt.format, mt.starts_at, mt.ends_at, mt.time_zone,
            (select count(*) from attendance a where a.meeting_id = mt.id)::int as attendee_count,
            (select mi.published_at from minutes mi where mi.meeting_id = mt.id and mi.status = ?)
              as minutes_published_at
       from meeting mt join working_group g on g.id = mt.group_id
      where mt.status = ? and ${where.sql}
      order by mt.starts_at, mt.id`,
    [MinutesStatus.Published, MeetingStatus.Concluded, ...where.params],
  );
}

/** One row per decision of published minutes, in the order the minutes list them. */
export async function minutesRows(em: EntityManager, scope: OpenDataScope): Promise<Raw[]> {
  const where = scoped(scope, 'g');
  return em.execute(
    `select mt.id as meeting_id, g.slug as group_slug, mt.title as meeting_title, mt.starts_at as meeting_starts_at,
            mi.published_at, d.ordinality::int as decision_number, d.value as decision
       from minutes mi
       join meeting mt on mt.id = mi.meeting_id
       join working_group g on g.id = mt.group_id
       cross join lateral jsonb_array_elements_text(mi.decisions::jsonb) with ordinality as d(value, ordinality)
      where mi.status = ? and ${where.sql}
      order by mt.starts_at, mt.id, d.ordinality`,
    [MinutesStatus.Published, ...where.params],
  );
}

export async function commitmentRows(em: EntityManager, scope: OpenDataScope): Promise<Raw[]> {
  const where = scoped(scope, 'g');
  return em.execute(
    `select c.id, g.slug as group_slug, c.country, c.cycle, c.reference, c.title, c.url, c.status,
            o.name as supporting_organization, c.created_at, c.updated_at
       from commitment c
       join working_group g on g.id = c.group_id
       left join organization o on o.id = c.supporting_organization_id
      where ${where.sql}
      order by g.slug, c.country, c.cycle, c.reference, c.id`,
    where.params,
  );
}

/** The id of the public group with this slug (none: unknown, or members-only). */
export function publicGroupId(em: EntityManager, slug: string): Promise<{ id: string }[]> {
  const visible = publicGroupSql('g');
  return em.execute(`select g.id from working_group g where g.slug = ? and ${visible.sql}`, [
    slug,
    ...visible.params,
  ]);
}

/** Adopted priority areas of public groups (their tallies come from the consensus context). */
export async function adoptedAreaRows(em: EntityManager, scope: OpenDataScope): Promise<Raw[]> {
  const where = scoped(scope, 'g');
  return em.execute(
    `select pa.id, pa.group_id, g.slug as group_slug, pa.title, pa.description, pa.outcome, pa.adopted_at,
            pa.review_on, pa.override_reason
       from priority_area pa join working_group g on g.id = pa.group_id
      where pa.status = ? and ${where.sql}
      order by g.slug, pa.adopted_at, pa.id`,
    [PriorityAreaStatus.Adopted, ...where.params],
  );
}
