import { EntityManager } from '@mikro-orm/postgresql';
import { CursorPosition } from '../common/pagination/pagination';
import { escapeLike, SqlFragment } from '../common/sql';
import { OrganizationKind } from '../organizations/organizations.enums';
import {
  DocumentUploads,
  GroupRole,
  GroupStatus,
  GroupVisibility,
  JoinPolicy,
  MembershipStatus,
} from './groups.enums';

/**
 * The groups context's hand-written SQL. Values are always parameters (enum values included); rules restated
 * here from TypeScript name their twin and are pinned by a test that both agree.
 */

/** Who lists groups: the caller's id (null when anonymous) and whether they have platform oversight. */
export interface GroupViewer {
  userId: string | null;
  isSteward: boolean;
}

/**
 * SQL twin of `canSeeGroup` (group-access.ts), for `alias`, a working_group row: public groups, else stewards,
 * active members and invitees. Kept equal by test/sql-visibility-twins.e2e-spec.ts; change both together.
 */
export function groupVisibleSql(alias: string, viewer: GroupViewer): SqlFragment {
  return {
    sql: `(?::boolean or ${alias}.visibility = ? or exists (select 1 from membership vm where vm.group_id = ${alias}.id
           and vm.user_id = ? and vm.status in (?, ?)))`,
    params: [
      viewer.isSteward,
      GroupVisibility.Public,
      viewer.userId,
      MembershipStatus.Active,
      MembershipStatus.Invited,
    ],
  };
}

const SORT_COLUMNS = { name: 'g.name', createdAt: 'g.created_at' } as const;

export interface GroupDirectoryFilter {
  viewer: GroupViewer;
  status?: GroupStatus;
  /** Only groups where the viewer's membership has this status (active for `mine`, invited for invitations). */
  viewerMembership?: MembershipStatus;
  theme?: string;
  /** ISO country of at least one active member's organisation. */
  country?: string;
  /** Case-insensitive substring of the name or description, matched literally. */
  q?: string;
  sort: keyof typeof SORT_COLUMNS;
  order: 'asc' | 'desc';
  /** Keyset pagination: rows strictly after this position in (sort, id) order. */
  after?: CursorPosition;
  limit: number;
}

/** A directory row: the group's own columns and the viewer's membership of it, in any status (null if none). */
export interface DirectoryRow {
  id: string;
  slug: string;
  name: string;
  theme: string;
  description: string;
  status: GroupStatus;
  visibility: GroupVisibility;
  join_policy: JoinPolicy;
  document_uploads: DocumentUploads;
  created_at: Date;
  updated_at: Date;
  my_role: GroupRole | null;
  my_status: MembershipStatus | null;
}

/**
 * One page of the group directory, visible groups only (filtering in SQL keeps the pages full and ordered), with
 * the viewer's own membership joined in: one statement, no entity hydrated (decision 0011). The sort column and
 * direction come from constant texts, never from a value.
 */
export async function findDirectoryGroups(
  em: EntityManager,
  filter: GroupDirectoryFilter,
): Promise<DirectoryRow[]> {
  const where: string[] = [];
  const params: unknown[] = [filter.viewer.userId];
  const and = (sql: string, values: unknown[]): void => {
    where.push(sql);
    params.push(...values);
  };
  const visible = groupVisibleSql('g', filter.viewer);
  and(visible.sql, visible.params);
  if (filter.status) and('g.status = ?', [filter.status]);
  if (filter.viewerMembership) {
    and(
      'exists (select 1 from membership mm where mm.group_id = g.id and mm.user_id = ? and mm.status = ?)',
      [filter.viewer.userId, filter.viewerMembership],
    );
  }
  if (filter.theme) and('g.theme = ?', [filter.theme]);
  if (filter.country) {
    and(
      `exists (select 1 from membership cm join "user" cu on cu.id = cm.user_id
         join organization co on co.id = cu.organization_id
        where cm.group_id = g.id and cm.status = ? and co.country = ?)`,
      [MembershipStatus.Active, filter.country],
    );
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    and('(g.name ilike ? or g.description ilike ?)', [pattern, pattern]);
  }
  const column = SORT_COLUMNS[filter.sort];
  const direction = filter.order === 'asc' ? 'asc' : 'desc';
  if (filter.after) {
    const op = filter.order === 'asc' ? '>' : '<';
    and(`(${column} ${op} ? or (${column} = ? and g.id ${op} ?))`, [
      filter.after.key,
      filter.after.key,
      filter.after.id,
    ]);
  }
  params.push(filter.limit);
  const rows = await em.execute<(Omit<DirectoryRow, 'created_at' | 'updated_at'> & Timestamps)[]>(
    `select g.id, g.slug, g.name, g.theme, g.description, g.status, g.visibility, g.join_policy,
            g.document_uploads, g.created_at, g.updated_at, my.role as my_role, my.status as my_status
       from working_group g
       left join membership my on my.group_id = g.id and my.user_id = ?
      where ${where.join(' and ')}
      order by ${column} ${direction}, g.id ${direction}
      limit ?`,
    params,
  );
  return rows.map((r) => ({ ...r, created_at: toDate(r.created_at), updated_at: toDate(r.updated_at) }));
}

interface Timestamps {
  created_at: string | Date;
  updated_at: string | Date;
}

const toDate = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
}

/** The organisations of a group's active members, each once, by name. */
export function activeMemberOrganizations(em: EntityManager, groupId: string): Promise<OrganizationRow[]> {
  return em.execute<OrganizationRow[]>(
    `select distinct o.id, o.name, o.kind, o.country
       from membership m join "user" u on u.id = m.user_id join organization o on o.id = u.organization_id
      where m.group_id = ? and m.status = ?
      order by o.name, o.id`,
    [groupId, MembershipStatus.Active],
  );
}

/** Active anchors per organisation kind (anchors without an organisation are not counted). */
export async function countActiveAnchorsByKind(
  em: EntityManager,
  groupId: string,
): Promise<{ kind: OrganizationKind; count: number }[]> {
  const rows = await em.execute<{ kind: OrganizationKind; n: string }[]>(
    `select o.kind, count(*) as n
       from membership m
       join "user" u on u.id = m.user_id
       join organization o on o.id = u.organization_id
      where m.group_id = ? and m.status = ? and m.role = ? and u.affiliation_verified_at is not null
      group by o.kind`,
    [groupId, MembershipStatus.Active, GroupRole.Anchor],
  );
  return rows.map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

export interface ViewerMembershipRow {
  id: string;
  role: GroupRole;
  status: MembershipStatus;
  created_at: Date;
  approved_at: Date | null;
  group_id: string;
  slug: string;
  name: string;
  group_status: GroupStatus;
  visibility: GroupVisibility;
}

/**
 * The viewer's own memberships with the given statuses, by group name then membership id, only in groups the
 * viewer may see (`groupVisibleSql`, the twin of `canSeeGroup`): a request to a members-only group is not listed.
 */
export function findViewerMemberships(
  em: EntityManager,
  viewer: GroupViewer & { userId: string },
  statuses: MembershipStatus[],
  after: CursorPosition | undefined,
  limit: number,
): Promise<ViewerMembershipRow[]> {
  const visible = groupVisibleSql('g', viewer);
  const keyset = after ? 'and (g.name > ? or (g.name = ? and m.id > ?))' : '';
  return em.execute<ViewerMembershipRow[]>(
    `select m.id, m.role, m.status, m.created_at, m.approved_at, g.id as group_id, g.slug, g.name,
            g.status as group_status, g.visibility
       from membership m join working_group g on g.id = m.group_id
      where m.user_id = ? and m.status in (${statuses.map(() => '?').join(', ')}) and ${visible.sql} ${keyset}
      order by g.name asc, m.id asc
      limit ?`,
    [
      viewer.userId,
      ...statuses,
      ...visible.params,
      ...(after ? [after.key, after.key, after.id] : []),
      limit,
    ],
  );
}
