import { EntityManager } from '@mikro-orm/postgresql';
import { preparedStatement, queryPrepared } from './prepared-statement';

describe('preparedStatement', () => {
  it('numbers the ? placeholders in order and counts them', () => {
    const statement = preparedStatement('s', 'select ? as a, ?::uuid as b where x = ?');
    expect(statement).toEqual({
      name: 's',
      text: 'select $1 as a, $2::uuid as b where x = $3',
      parameters: 3,
    });
  });

  it('leaves a statement without placeholders as it is', () => {
    expect(preparedStatement('t', 'select 1')).toEqual({ name: 't', text: 'select 1', parameters: 0 });
  });
});

describe('queryPrepared', () => {
  it('refuses a call whose values do not match the placeholders, before taking a connection', async () => {
    const getTransactionContext = jest.fn();
    const em = { getTransactionContext } as unknown as EntityManager;
    await expect(queryPrepared(em, preparedStatement('u', 'select ?, ?'), [1])).rejects.toThrow(
      'u: 2 parameters expected, 1 given',
    );
    expect(getTransactionContext).not.toHaveBeenCalled();
  });
});
