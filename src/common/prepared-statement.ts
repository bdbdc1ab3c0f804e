import { EntityManager } from '@mikro-orm/postgresql';

/**
 * A hot statement run as a named prepared statement (decision 0020): PostgreSQL parses and plans it once per
 * connection instead of on every call, and its values travel as bind parameters instead of being escaped into
 * the text by the ORM. Written like the rest of `*.queries.ts`, with `?` placeholders; `$n` is derived once here.
 * For the few statements a hot path runs many times a second: everything else stays on `em.execute`, whose
 * logging and one-off plans suit it better.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
  readonly parameters: number;
}

/** `?` → `$1`, `$2`, …; the SQL must hold no other `?` (no jsonb `?` operators, none in comments or literals). */
export function preparedStatement(name: string, sql: string): PreparedStatement {
  let parameters = 0;
  const text = sql.replace(/\?/g, () => `$${++parameters}`);
  return { name, text, parameters };
}

/** The parts of node-postgres and of knex's pool this needs: the connection knex hands out is a `pg.Client`. */
interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface ConnectionSource {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/**
 * Runs `statement` with `values` on the connection of `em`: its transaction's when it is in one (knex's
 * transaction client hands out that connection and releases nothing), else one from the pool for this statement
 * alone (autocommit). Errors are converted as `em.execute` converts them (a unique violation is a
 * UniqueConstraintViolationException; a dropped connection keeps its SQLSTATE, so it still maps to a 503).
 */
export async function queryPrepared<R>(
  em: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<R[]> {
  if (values.length !== statement.parameters) {
    throw new Error(`${statement.name}: ${statement.parameters} parameters expected, ${values.length} given`);
  }
  const transaction = em.getTransactionContext<{ client: ConnectionSource }>();
  // knex types its client loosely; what this reads of it is ConnectionSource.
  const poolClient: unknown = em.getConnection().getKnex().client;
  const source = transaction?.client ?? (poolClient as ConnectionSource);
  let connection: PgConnection;
  try {
    connection = await source.acquireConnection();
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  }
  try {
    const result = await connection.query({ name: statement.name, text: statement.text, values });
    return result.rows as R[];
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  } finally {
    await source.releaseConnection(connection);
  }
}
