import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describeError, loggableError } from './loggable-error';

/** Shaped like pg's DatabaseError: PostgreSQL's own message and detail quote the values. */
function pgError(): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint "user_email_unique"'), {
    severity: 'ERROR',
    code: '23505',
    detail: 'Key (email)=(ana@example.org) already exists.',
    constraint: 'user_email_unique',
    table: 'user',
  });
}

describe('loggableError', () => {
  it('keeps class, SQL state, constraint and table of a driver error, never its message or detail', () => {
    const driver = new UniqueConstraintViolationException(
      Object.assign(pgError(), { message: `insert into "user" values ('ana@example.org', '$argon2id$x')` }),
    );
    for (const error of [driver, pgError(), new Error('wrapped', { cause: driver })]) {
      const text = JSON.stringify(loggableError(error)) + describeError(error);
      expect(text).not.toMatch(/ana@example\.org|argon2|insert into/);
      expect(text).toContain('user_email_unique');
    }
    expect(loggableError(driver)).toMatchObject({
      type: 'UniqueConstraintViolationException',
      code: '23505',
      constraint: 'user_email_unique',
      table: 'user',
    });
    expect(describeError(driver)).toMatch(
      /^UniqueConstraintViolationException: 23505 user_email_unique user\n\s+at /,
    );
  });

  it('keeps message and stack of other errors', () => {
    expect(loggableError(new TypeError('x is undefined'))).toMatchObject({
      type: 'TypeError',
      message: 'x is undefined',
    });
    expect(loggableError('a string')).toEqual({ type: 'string' });
  });
});
