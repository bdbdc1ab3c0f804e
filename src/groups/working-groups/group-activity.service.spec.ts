import { withoutEmails } from './group-activity.service';

describe('withoutEmails', () => {
  it('drops email members at any depth and keeps everything else', () => {
    expect(
      withoutEmails({
        user: { id: 'u', email: 'a@b.org', Email: 'x' },
        list: [{ email: 'c@d.org', n: 1 }],
        s: 'ok',
      }),
    ).toEqual({ user: { id: 'u' }, list: [{ n: 1 }], s: 'ok' });
    expect(withoutEmails(null)).toBeNull();
  });
});
