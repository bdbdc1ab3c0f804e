import { EntityManager } from '@mikro-orm/postgresql';
import PgBoss from 'pg-boss';
import { AppConfig } from '../src/config/app-config';
import { EmailDelivery } from '../src/notifications/email/email-delivery';
import { NotificationClock } from '../src/notifications/email/notification-clock';
import { NotificationJobs } from '../src/notifications/queue/notification-jobs';
import type { ScheduledTask } from '../src/notifications/scheduled-task';
import { createTestApp, TestApp } from './support/test-app';

/** The queue runs SCHEDULED_TASKS providers on their period, with the jobs' clock, one schedule across instances. */
describe('scheduled tasks on the job queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('schedules each task once whatever the number of instances, and runs it with the clock’s now', async () => {
    const ran: Date[] = [];
    const task: ScheduledTask = {
      name: 'test-reminders',
      everySeconds: 300,
      run: (now) => {
        ran.push(now);
        return Promise.resolve();
      },
    };
    const config = AppConfig.fromEnv({}, { ...t.config, notificationWorkers: true });
    const clock = new NotificationClock();
    const moved = new Date('2031-05-06T07:00:00Z');
    clock.now = () => moved;
    const instance = () =>
      new NotificationJobs(config, t.orm.em as EntityManager, t.app.get(EmailDelivery), clock, [task]);
    const [one, two] = [instance(), instance()];
    await one.onApplicationBootstrap();
    await two.onApplicationBootstrap();
    const client = new PgBoss({
      connectionString: t.databaseUrl,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
    });
    try {
      expect(one.running && two.running).toBe(true);
      const schedules = await t
        .em()
        .execute<{ name: string; cron: string }[]>(`select name, cron from pgboss.schedule order by name`);
      expect(schedules).toEqual([{ name: 'scheduled-test-reminders', cron: '*/5 * * * *' }]);
      // What the schedule does each period: one job, which one instance runs.
      await client.start();
      await client.send('scheduled-test-reminders', {});
      const until = Date.now() + 10_000;
      while (ran.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(ran).toEqual([moved]);
    } finally {
      await client.stop({ graceful: false, wait: true });
      await one.beforeApplicationShutdown();
      await two.beforeApplicationShutdown();
    }
  }, 30_000);
});
