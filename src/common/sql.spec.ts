import { EntityManager } from '@mikro-orm/postgresql';
import { advisoryXactLock, escapeLike } from './sql';

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(escapeLike('plain text')).toBe('plain text');
  });
});

describe('advisoryXactLock', () => {
  const fakeEm = (inTransaction: boolean) => {
    const execute = jest.fn().mockResolvedValue([]);
    return { em: { isInTransaction: () => inTransaction, execute } as unknown as EntityManager, execute };
  };

  it('takes a transaction-scoped lock on the key, passed as a parameter (never spliced into the SQL)', async () => {
    const { em, execute } = fakeEm(true);
    await advisoryXactLock(em, "audit:group:1'; drop table x; --");
    expect(execute).toHaveBeenCalledWith('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      "audit:group:1'; drop table x; --",
    ]);
  });

  it('refuses outside a transaction, where the lock would be released before it protects anything', async () => {
    const { em, execute } = fakeEm(false);
    await expect(advisoryXactLock(em, 'bootstrap-admin')).rejects.toThrow(/inside a transaction/);
    expect(execute).not.toHaveBeenCalled();
  });
});
