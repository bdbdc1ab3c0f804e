/**
 * Whether an error says the database cannot be reached right now (it is down, restarting, or dropped our
 * connection), as opposed to a statement it refused. Such a failure is the server's, temporary, and not the
 * request's fault: a 503 `database.unavailable`, which a client may retry (a send with the same clientMessageId).
 */

/**
 * SQLSTATEs of a server that is going or gone: class 08 (connection exception) and the operator-intervention
 * codes PostgreSQL sends while shutting down or starting (57P01 admin_shutdown, also what pg_terminate_backend
 * sends; 57P02 crash_shutdown; 57P03 cannot_connect_now), and 53300 too_many_connections: a server at its
 * max_connections refuses new ones until others close, which is temporary and says nothing of the request.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '53300',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** Socket errors of node's net module while connecting or talking to the server. */
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * What node-postgres and knex throw without a code when the connection died under a query or cannot be had.
 * knex prefixes a failed query's message with the statement (`<sql> - <message>`), so the driver's own text is
 * matched at the start or after that separator, up to the end.
 */
const UNAVAILABLE_MESSAGES = [
  /(?:^| - )Connection terminated(?: unexpectedly)?$/,
  /(?:^| - )Connection ended unexpectedly$/,
  /(?:^| - )Client has encountered a connection error and is not queryable$/,
  /(?:^| - )Client was closed and is not queryable$/,
  /(?:^| - )timeout exceeded when trying to connect$/,
  /^Knex: Timeout acquiring a connection\./,
];

/** A five-character SQLSTATE: the server answered, so a code outside the set above is the statement's failure. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

interface CodedError {
  code?: unknown;
  cause?: unknown;
  previous?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const { code, cause, previous } = error as CodedError;
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) return true;
    // Never guess from the message of an error the server sent: its text may quote the request's values.
    if (SQLSTATE.test(code)) return false;
  }
  // MikroORM's DriverException copies the driver error's fields, message included.
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // An AggregateError (node's connect to every address of a host) or a wrapped cause.
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(previous, depth + 1);
}
