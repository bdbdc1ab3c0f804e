import { EntityManager } from '@mikro-orm/postgresql';
import { OpenDataScope } from './open-data.queries';

/** Adopted priority areas with their constituency tallies (filled in when the consensus context lands). */
export function priorityAreaRows(
  em: EntityManager,
  scope: OpenDataScope,
): Promise<Record<string, unknown>[]> {
  void em;
  void scope;
  return Promise.resolve([]);
}
