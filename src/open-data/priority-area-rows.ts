import { EntityManager } from '@mikro-orm/postgresql';
import { talliesOf } from '../consensus/area-tallies';
import { CONSTITUENCIES } from '../consensus/consensus.enums';
import { adoptedAreaRows, OpenDataScope } from './open-data.queries';

/**
 * Adopted priority areas with their constituency tallies, computed by the consensus context's own tally (the same
 * numbers its answers show), flattened into the published columns: `<constituency>_<agree|abstain|object|members|
 * responded>` and the positions of unverified affiliations apart.
 */
export async function priorityAreaRows(
  em: EntityManager,
  scope: OpenDataScope,
): Promise<Record<string, unknown>[]> {
  const areas = await adoptedAreaRows(em, scope);
  const tallies = await talliesOf(
    em,
    areas.map((a) => ({ id: a.id as string, groupId: a.group_id as string })),
  );
  return areas.map((area) => {
    const result = tallies.get(area.id as string)!;
    const row: Record<string, unknown> = { ...area };
    for (const side of CONSTITUENCIES) {
      const t = result.tally[side];
      Object.assign(row, {
        [`${side}_agree`]: t.agree,
        [`${side}_abstain`]: t.abstain,
        [`${side}_object`]: t.object,
        [`${side}_members`]: t.members,
        [`${side}_responded`]: t.responded,
      });
    }
    Object.assign(row, {
      unverified_agree: result.unverified.agree,
      unverified_abstain: result.unverified.abstain,
      unverified_object: result.unverified.object,
    });
    return row;
  });
}
