import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { DeadlockException, DriverException } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { ConflictError, TooManyRequestsError, ValidationError } from './domain-error';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('hides unexpected errors behind a generic 500 and flags them for the log', () => {
    const { problem, unexpected } = toProblem(
      new Error('relation "secret_table" does not exist at /srv/app.js:12'),
    );
    expect(problem).toMatchObject({
      status: 500,
      title: 'Internal Server Error',
      detail: 'An unexpected error occurred.',
    });
    expect(JSON.stringify(problem)).not.toMatch(/secret_table|app\.js/);
    expect(unexpected).toBe(true);
  });

  it('keeps domain errors with their code, params and field errors', () => {
    const conflict = toProblem(
      new ConflictError('No government anchor.', {
        code: 'group.anchor_missing',
        params: { missing: ['government'] },
      }),
    );
    expect(conflict.problem).toMatchObject({
      status: 409,
      code: 'group.anchor_missing',
      params: { missing: ['government'] },
      type: 'urn:convene:problem:group.anchor_missing',
    });
    const invalid = toProblem(ValidationError.single('timeZone', 'bad zone'));
    expect(invalid.problem.errors).toEqual([{ path: 'timeZone', message: 'bad zone' }]);
    expect(toProblem(new TooManyRequestsError(7)).retryAfterSeconds).toBe(7);
  });

  it('maps framework errors: bad JSON 400, unknown route 404, too large 413', () => {
    expect(toProblem(new BadRequestException('Unexpected end of JSON input')).problem.code).toBe(
      'request.malformed_json',
    );
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      status: 404,
      code: 'route.not_found',
    });
    expect(toProblem(new PayloadTooLargeException()).problem.status).toBe(413);
  });

  describe('concurrency failures from PostgreSQL', () => {
    /** What the pg driver throws: an Error carrying the SQLSTATE. */
    const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code });
    // The converter MikroORM applies to every failed query on this platform.
    const convert = (error: Error): Error =>
      new PostgreSqlPlatform().getExceptionConverter().convertException(error);

    it.each([
      ['40P01', 'deadlock detected'],
      ['40001', 'could not serialize access due to concurrent update'],
    ])('the driver turns SQLSTATE %s into a DeadlockException', (code, message) => {
      expect(convert(pgError(code, message))).toBeInstanceOf(DeadlockException);
    });

    it('answers a deadlock with 409 state.concurrent_change, an expected outcome', () => {
      const { problem, unexpected } = toProblem(new DeadlockException(pgError('40P01', 'deadlock detected')));
      expect(problem).toMatchObject({ status: 409, code: 'state.concurrent_change' });
      expect(unexpected).toBe(false);
    });

    it('leaves other driver failures a generic 500 (a missing table is our bug)', () => {
      const other = convert(pgError('42P01', 'relation "missing" does not exist'));
      expect(other).toBeInstanceOf(DriverException);
      expect(other).not.toBeInstanceOf(DeadlockException);
      expect(toProblem(other)).toMatchObject({ problem: { status: 500 }, unexpected: true });
    });
  });
});
