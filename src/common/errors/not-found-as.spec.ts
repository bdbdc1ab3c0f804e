import { ConflictError, NotFoundError } from './domain-error';
import { notFoundAs } from './not-found-as';

describe('notFoundAs', () => {
  it('renames a 404 of what the resource hangs on to the resource itself', async () => {
    const failure = notFoundAs('Meeting', Promise.reject(new NotFoundError('Working group')));
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toMatchObject({ extras: { params: { resource: 'Meeting' } } });
  });

  it('passes other errors and successes through unchanged', async () => {
    const conflict = new ConflictError('no');
    await expect(notFoundAs('Meeting', Promise.reject(conflict))).rejects.toBe(conflict);
    await expect(notFoundAs('Meeting', Promise.resolve(42))).resolves.toBe(42);
  });
});
