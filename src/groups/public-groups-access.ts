import { SqlFragment } from '../common/sql';
import { groupVisibleSql } from './groups.queries';

/**
 * Groups anyone may see, for readers that never look at the caller (open data): the anonymous case of
 * `groupVisibleSql`, the SQL twin of `canSeeGroup`, so the rule stays stated once.
 */
export const publicGroupSql = (alias: string): SqlFragment =>
  groupVisibleSql(alias, { userId: null, isSteward: false });
