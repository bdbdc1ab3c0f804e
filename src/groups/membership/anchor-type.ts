import { EntityManager } from '@mikro-orm/postgresql';
import { OrganizationKind } from '../../organizations/organizations.enums';
import { GroupStatus, ANCHOR_TYPES, AnchorType } from '../groups.enums';
import { countActiveAnchorsByKind } from '../groups.queries';

/** An anchor's type is their organisation's kind; multilaterals, "other" and users without one have none. */
export function anchorTypeOf(kind: OrganizationKind | null | undefined): AnchorType | null {
  if (kind === OrganizationKind.Government) return AnchorType.Government;
  if (kind === OrganizationKind.CivilSociety) return AnchorType.CivilSociety;
  return null;
}

/**
 * Statuses in which the group must keep ≥ 1 active anchor of each type. `under_review` is included: the group
 * is still running (and may return to active without a new check of who leads it), and a review needs anchors.
 */
export const ANCHORED_STATUSES: GroupStatus[] = [GroupStatus.Active, GroupStatus.UnderReview];

/**
 * Active anchors per type, counted in the database (call with the group row locked when guarding a change). Only
 * anchors whose affiliation is verified count: a self-declared organisation gives no anchor type to the invariant
 * (docs/decisions/0012-verified-affiliations-and-priority-areas.md).
 */
export async function countActiveAnchorsByType(
  em: EntityManager,
  groupId: string,
): Promise<Record<AnchorType, number>> {
  const counts: Record<AnchorType, number> = { [AnchorType.Government]: 0, [AnchorType.CivilSociety]: 0 };
  for (const row of await countActiveAnchorsByKind(em, groupId)) {
    const type = anchorTypeOf(row.kind);
    if (type) counts[type] += row.count;
  }
  return counts;
}

export async function missingAnchorTypes(em: EntityManager, groupId: string): Promise<AnchorType[]> {
  const counts = await countActiveAnchorsByType(em, groupId);
  return ANCHOR_TYPES.filter((type) => counts[type] === 0);
}

export const describeAnchorTypes = (types: AnchorType[]): string =>
  types.map((t) => (t === AnchorType.Government ? 'government' : 'civil-society')).join(' and ');
