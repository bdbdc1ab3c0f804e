import { DriverException } from '@mikro-orm/core';

/** What an unexpected error may put in a log line. */
export interface LoggableError {
  type: string;
  /** SQL state for database errors (e.g. 23505), or a Node error code. */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** Only for errors that are not from the database; see loggableError. */
  message?: string;
  stack?: string;
  cause?: LoggableError;
}

interface PgErrorFields {
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}

/** pg's DatabaseError, as it reaches us when MikroORM has not wrapped it (its fields are copied when it has). */
const isDatabaseError = (error: Error): boolean =>
  error instanceof DriverException ||
  (typeof (error as PgErrorFields).severity === 'string' &&
    typeof (error as PgErrorFields).code === 'string');

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Stack frames only: the first line repeats the message, which is what must not be logged for SQL errors. */
const framesOf = (stack: string | undefined): string | undefined =>
  stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n') || undefined;

/**
 * A database error's message is the statement with its values inlined (knex writes `insert … values ('a@b.org',
 * '$argon2id…') - <reason>`), and PostgreSQL's message and detail quote values too (`Key (email)=(…)`). So for
 * those only the class, SQL state, constraint, table, column and stack frames are kept: enough to find the
 * failing write, never what was written. Other errors keep message and stack.
 */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = depth < 3 && error.cause !== undefined ? loggableError(error.cause, depth + 1) : undefined;
  const base = { type: error.constructor.name || error.name, ...(cause ? { cause } : {}) };
  if (!isDatabaseError(error)) {
    const code = text((error as { code?: unknown }).code);
    return { ...base, ...(code ? { code } : {}), message: error.message, stack: error.stack };
  }
  const fields = error as PgErrorFields;
  const sanitised: LoggableError = {
    ...base,
    code: text(fields.code),
    constraint: text(fields.constraint),
    table: text(fields.table),
    column: text(fields.column),
    stack: framesOf(error.stack),
  };
  return Object.fromEntries(Object.entries(sanitised).filter(([, v]) => v !== undefined)) as LoggableError;
}

/** For string loggers (Nest's Logger): `Type: code constraint table: message`, then the stack frames. */
export function describeError(error: unknown): string {
  const e = loggableError(error);
  const where = [e.code, e.constraint, e.table].filter(Boolean).join(' ');
  const head = [e.type, where, e.message].filter(Boolean).join(': ');
  const frames = framesOf(e.stack);
  return frames ? `${head}\n${frames}` : head;
}
