import { EntityManager } from '@mikro-orm/postgresql';
import { GroupAccess } from '../groups/group-access';
import { positionsOf, PositionRow, positionTakers } from './consensus.queries';
import { PriorityAreaDto } from './dto/priority-area.dto';
import { PriorityArea } from './entities/priority-area.entity';
import { computeTally, TallyMember, TallyResult } from './tally';
import { seesParticipants } from './consensus-access';

/** What the audit chain keeps of an area (no tally: that is derived). */
export function areaSnapshot(area: PriorityArea): Record<string, unknown> {
  return {
    id: area.id,
    title: area.title,
    description: area.description,
    status: area.status,
    closesAt: area.closesAt,
    outcome: area.outcome,
    overrideReason: area.overrideReason,
    reviewOn: area.reviewOn,
    adoptedAt: area.adoptedAt,
    adoptedBy: area.adoptedBy?.id ?? null,
    retiredAt: area.retiredAt,
  };
}

/** The tally of one area from its positions and the group's current position takers. */
export function tallyOf(rows: PositionRow[], members: TallyMember[]): TallyResult {
  return computeTally(
    rows.map((r) => ({
      userId: r.user_id,
      position: r.position,
      constituency: r.constituency,
      affiliationVerified: r.affiliation_verified,
    })),
    members,
  );
}

/** Answers for areas of one group, in the given order: two queries for the whole page. */
export async function toPriorityAreaDtos(
  em: EntityManager,
  access: GroupAccess,
  areas: PriorityArea[],
): Promise<PriorityAreaDto[]> {
  if (areas.length === 0) return [];
  const members = await positionTakers(em, access.group.id);
  const rows = await positionsOf(
    em,
    areas.map((a) => a.id),
  );
  const named = seesParticipants(access);
  const me = access.user?.id;
  return areas.map((area) => {
    const own = rows.filter((r) => r.priority_area_id === area.id);
    const result = tallyOf(own, members);
    const mine = me ? own.find((r) => r.user_id === me) : undefined;
    return {
      id: area.id,
      groupSlug: access.group.slug,
      title: area.title,
      description: area.description,
      status: area.status,
      closesAt: area.closesAt,
      outcome: area.outcome,
      overrideReason: area.overrideReason,
      reviewOn: area.reviewOn,
      tally: result.tally,
      unverified: result.unverified,
      notResponded: named ? result.notResponded : [],
      notRespondedCount: result.notResponded.length,
      myPosition: mine
        ? {
            position: mine.position,
            reason: mine.reason,
            constituency: mine.constituency,
            affiliationVerified: mine.affiliation_verified,
            updatedAt: mine.updated_at,
          }
        : null,
      createdBy: area.createdBy.id,
      createdAt: area.createdAt,
      adoptedAt: area.adoptedAt,
      adoptedBy: area.adoptedBy?.id ?? null,
      retiredAt: area.retiredAt,
    };
  });
}
