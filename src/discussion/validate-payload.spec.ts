import { ValidationError } from '../common/errors/domain-error';
import { SendMessagePayload } from './dto/socket-payloads.dto';
import { validatePayload } from './validate-payload';

const channelId = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';

describe('validatePayload', () => {
  it('accepts a valid payload', async () => {
    const p = await validatePayload(SendMessagePayload, { channelId, clientMessageId: 'c1', body: 'hi' });
    expect(p).toBeInstanceOf(SendMessagePayload);
  });

  it.each([['a string'], [null], [[1, 2]], [42]])('refuses %p, which is not an object', async (payload) => {
    await expect(validatePayload(SendMessagePayload, payload)).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses unknown fields and names the paths', async () => {
    const error = await validatePayload(SendMessagePayload, {
      channelId,
      clientMessageId: 'c1',
      body: 'x'.repeat(10_001),
      extra: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).extras.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body', 'extra']));
  });

  it('refuses a blank or non-string body', async () => {
    for (const body of ['', '   ', 5, { a: 1 }]) {
      await expect(
        validatePayload(SendMessagePayload, { channelId, clientMessageId: 'c', body }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
  });
});
