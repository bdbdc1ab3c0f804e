import { cronFor } from './notification-jobs';

describe('cronFor', () => {
  it('turns a task period into a cron expression of minutes or hours', () => {
    expect(cronFor(30)).toBe('* * * * *');
    expect(cronFor(60)).toBe('* * * * *');
    expect(cronFor(300)).toBe('*/5 * * * *');
    expect(cronFor(3600)).toBe('0 */1 * * *');
    expect(cronFor(6 * 3600)).toBe('0 */6 * * *');
    expect(cronFor(86_400)).toBe('0 0 * * *');
  });
});
