import { EntityManager } from '@mikro-orm/postgresql';

/** Escapes LIKE/ILIKE wildcards so user text matches literally (`50%_off` finds "50%_off", not everything). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A piece of hand-written SQL with its values: the text holds only `?` placeholders, never a value (enum values
 * included), so a renamed enum member or a hostile string cannot change the statement.
 */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * Serialises transactions on one text key until they commit or roll back (`pg_advisory_xact_lock`). Outside a
 * transaction the lock would be released at once, silently protecting nothing, so that is refused. Where each
 * advisory lock sits in the lock order: docs/architecture.md, "Lock order".
 */
export async function advisoryXactLock(em: EntityManager, key: string): Promise<void> {
  if (!em.isInTransaction()) throw new Error(`advisoryXactLock(${key}) must run inside a transaction`);
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}
