import { DeadlockException } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { isDatabaseUnavailable } from './database-unavailable';
import { toProblem } from './to-problem';

/** What the pg driver throws: an Error carrying the SQLSTATE or node's socket error code. */
const coded = (code: string, message: string): Error => Object.assign(new Error(message), { code });
// The converter MikroORM applies to every failed query on this platform.
const convert = (error: Error): Error =>
  new PostgreSqlPlatform().getExceptionConverter().convertException(error);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is shutting down'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ['ECONNRESET', 'read ECONNRESET'],
  ])('recognises %s, raw and as MikroORM wraps it', (code, message) => {
    expect(isDatabaseUnavailable(coded(code, message))).toBe(true);
    expect(isDatabaseUnavailable(convert(coded(code, message)))).toBe(true);
  });

  it('recognises node-postgres and knex connection failures that carry no code', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'select 1 - Connection terminated unexpectedly',
      'Client has encountered a connection error and is not queryable',
      'Knex: Timeout acquiring a connection. The pool is probably full.',
    ]) {
      expect(isDatabaseUnavailable(new Error(message))).toBe(true);
      expect(isDatabaseUnavailable(convert(new Error(message)))).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: coded('57P01', 'x') }))).toBe(true);
    expect(
      isDatabaseUnavailable(new AggregateError([coded('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')])),
    ).toBe(true);
  });

  it('does not take a statement the server refused for an outage, whatever its message quotes', () => {
    // knex puts the statement with its values into the message: a body may contain any text.
    const duplicate = coded('23505', "insert … values ('x - Connection terminated unexpectedly')");
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new DeadlockException(coded('40P01', 'deadlock detected')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly, said the user'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

describe('toProblem for a lost database', () => {
  it('is a 503 database.unavailable, an expected outcome (not logged as a bug)', () => {
    const { problem, unexpected } = toProblem(convert(coded('57P01', 'terminating connection')));
    expect(problem).toEqual({
      type: 'urn:convene:problem:database.unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The database is unavailable; retry shortly.',
      code: 'database.unavailable',
    });
    expect(unexpected).toBe(false);
  });
});
