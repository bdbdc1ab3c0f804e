import { EntityManager } from '@mikro-orm/postgresql';
import { positionsOf, positionTakersOfGroups } from './consensus.queries';
import { computeTally, TallyResult } from './tally';

/**
 * The tallies of several priority areas, computed exactly as their answers compute them (`computeTally` over the
 * positions and the groups' current position takers), in two statements whatever their number. Public for the
 * open-data export, which publishes adopted areas with their tallies.
 */
export async function talliesOf(
  em: EntityManager,
  areas: { id: string; groupId: string }[],
): Promise<Map<string, TallyResult>> {
  const members = await positionTakersOfGroups(em, [...new Set(areas.map((a) => a.groupId))]);
  const positions = await positionsOf(
    em,
    areas.map((a) => a.id),
  );
  const results = new Map<string, TallyResult>();
  for (const area of areas) {
    const own = positions
      .filter((p) => p.priority_area_id === area.id)
      .map((p) => ({
        userId: p.user_id,
        position: p.position,
        constituency: p.constituency,
        affiliationVerified: p.affiliation_verified,
      }));
    results.set(area.id, computeTally(own, members.get(area.groupId) ?? []));
  }
  return results;
}
