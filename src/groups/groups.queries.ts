import { EntityManager } from '@mikro-orm/postgresql';
import { CursorPosition } from '../common/pagination/pagination';
import { escapeLike, SqlFragment } from '../common/sql';
import { OrganizationKind } from '../organizations/organizations.enums';
import { GroupRole, GroupStatus, GroupVisibility, MembershipStatus } from './groups.enums';
import { WorkingGroup } from './working-groups/entities/working-group.entity';

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

/** One page of the group directory, visible groups only (filtering in SQL keeps the pages full and ordered). */
export function findDirectoryGroups(
  em: EntityManager,
  filter: GroupDirectoryFilter,
): Promise<WorkingGroup[]> {
  const qb = em.createQueryBuilder(WorkingGroup, 'g').select('*');
  const visible = groupVisibleSql('g', filter.viewer);
  qb.andWhere(visible.sql, visible.params);
  if (filter.status) qb.andWhere('g.status = ?', [filter.status]);
  if (filter.viewerMembership) {
    qb.andWhere(
      'exists (select 1 from membership mm where mm.group_id = g.id and mm.user_id = ? and mm.status = ?)',
      [filter.viewer.userId, filter.viewerMembership],
    );
  }
  if (filter.theme) qb.andWhere('g.theme = ?', [filter.theme]);
  if (filter.country) {
    qb.andWhere(
      `exists (select 1 from membership cm join "user" cu on cu.id = cm.user_id
         join organization co on co.id = cu.organization_id
        where cm.group_id = g.id and cm.status = ? and co.country = ?)`,
      [MembershipStatus.Active, filter.country],
    );
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    qb.andWhere('(g.name ilike ? or g.description ilike ?)', [pattern, pattern]);
  }
  if (filter.after) {
    const column = SORT_COLUMNS[filter.sort];
    const op = filter.order === 'asc' ? '>' : '<';
    qb.andWhere(`(${column} ${op} ? or (${column} = ? and g.id ${op} ?))`, [
      filter.after.key,
      filter.after.key,
      filter.after.id,
    ]);
  }
  qb.orderBy({ [filter.sort]: filter.order, id: filter.order }).limit(filter.limit);
  return qb.getResultList();
}

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
      where m.group_id = ? and m.status = ? and m.role = ?
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
