import { EntityManager } from '@mikro-orm/postgresql';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';
import { OrganizationKind } from '../organizations/organizations.enums';
import { Constituency, PositionValue } from './consensus.enums';
import { constituencyOf, TallyMember } from './tally';

/** The consensus context's hand-written SQL (values always parameters). */

/** Active members who may take positions (role member or anchor), with their current organisation and verification. */
export async function positionTakers(em: EntityManager, groupId: string): Promise<TallyMember[]> {
  return (await positionTakersOfGroups(em, [groupId])).get(groupId) ?? [];
}

/** `positionTakers` of several groups in one statement, by group id (a group with none is absent). */
export async function positionTakersOfGroups(
  em: EntityManager,
  groupIds: string[],
): Promise<Map<string, TallyMember[]>> {
  const byGroup = new Map<string, TallyMember[]>();
  if (groupIds.length === 0) return byGroup;
  const rows = await em.execute<
    {
      group_id: string;
      user_id: string;
      display_name: string;
      kind: OrganizationKind | null;
      verified: boolean;
    }[]
  >(
    `select m.group_id, u.id as user_id, u.display_name, o.kind, (u.affiliation_verified_at is not null) as verified
       from membership m
       join "user" u on u.id = m.user_id
       left join organization o on o.id = u.organization_id
      where m.group_id = any(?::uuid[]) and m.status = ? and m.role in (?, ?)
      order by u.display_name, u.id`,
    [`{${groupIds.join(',')}}`, MembershipStatus.Active, GroupRole.Member, GroupRole.Anchor],
  );
  for (const r of rows) {
    const members = byGroup.get(r.group_id) ?? [];
    members.push({
      userId: r.user_id,
      displayName: r.display_name,
      constituency: constituencyOf(r.kind),
      affiliationVerified: r.verified && r.kind !== null,
    });
    byGroup.set(r.group_id, members);
  }
  return byGroup;
}

export interface PositionRow {
  priority_area_id: string;
  user_id: string;
  position: PositionValue;
  reason: string | null;
  constituency: Constituency;
  affiliation_verified: boolean;
  updated_at: Date;
}

export async function positionsOf(em: EntityManager, areaIds: string[]): Promise<PositionRow[]> {
  if (areaIds.length === 0) return [];
  return em.execute<PositionRow[]>(
    `select priority_area_id, user_id, position, reason, constituency, affiliation_verified, updated_at
       from priority_area_position where priority_area_id in (${areaIds.map(() => '?').join(', ')})`,
    areaIds,
  );
}

/** The author's organisation kind and verification as they stand now: the snapshot a position keeps. */
export async function positionSnapshotOf(
  em: EntityManager,
  userId: string,
): Promise<{ constituency: Constituency; affiliationVerified: boolean }> {
  const [row] = await em.execute<{ kind: OrganizationKind | null; verified: boolean }[]>(
    `select o.kind, (u.affiliation_verified_at is not null) as verified
       from "user" u left join organization o on o.id = u.organization_id where u.id = ?`,
    [userId],
  );
  return {
    constituency: constituencyOf(row?.kind),
    affiliationVerified: Boolean(row?.verified) && row?.kind !== null && row?.kind !== undefined,
  };
}

/** Records or changes one member's position in one statement (one row per area and member). */
export async function upsertPosition(
  em: EntityManager,
  p: {
    areaId: string;
    userId: string;
    position: PositionValue;
    reason: string | null;
    constituency: Constituency;
    affiliationVerified: boolean;
    now: Date;
  },
): Promise<{ inserted: boolean }> {
  const [row] = await em.execute<{ inserted: boolean }[]>(
    `insert into priority_area_position
       (priority_area_id, user_id, position, reason, constituency, affiliation_verified, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (priority_area_id, user_id) do update set position = excluded.position,
       reason = excluded.reason, constituency = excluded.constituency,
       affiliation_verified = excluded.affiliation_verified, updated_at = excluded.updated_at
     returning (xmax = 0) as inserted`,
    [p.areaId, p.userId, p.position, p.reason, p.constituency, p.affiliationVerified, p.now, p.now],
  );
  return { inserted: Boolean(row?.inserted) };
}
