import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { AppConfig } from '../../config/app-config';
import { EmailDelivery } from '../email/email-delivery';
import { immediateBacklog, immediatePending, pendingDigests } from '../email/email.queries';
import { NotificationClock } from '../email/notification-clock';
import { NOTIFICATION_CHANNEL } from '../notification-outbox';
import { SCHEDULED_TASKS, ScheduledTask } from '../scheduled-task';

export const QUEUES = {
  email: 'notification-email',
  digest: 'notification-digest',
  sweep: 'notification-sweep',
  task: (name: string) => `scheduled-${name}`,
} as const;

/** Immediate emails older than this are not sent by the sweep (turning email on must not mail the past). */
const BACKLOG_MAX_AGE_MS = 3 * 86_400_000;
const BACKLOG_BATCH = 500;
const LISTEN_RETRY_MS = 5_000;

/** A task's cadence as a cron expression (the queue's granularity is one minute). */
export function cronFor(everySeconds: number): string {
  const minutes = Math.max(1, Math.round(everySeconds / 60));
  if (minutes < 60) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  const hours = Math.max(1, Math.round(minutes / 60));
  return hours < 24 ? `0 */${hours} * * *` : '0 0 * * *';
}

/**
 * The durable job queue (pg-boss, schema `pgboss` of the app's own database; no Redis): started with the app when
 * NOTIFICATION_WORKERS is on, stopped gracefully before the ORM closes. With email configured it wakes on each
 * committed notification (LISTEN on the outbox's channel) and sweeps every minute for what the wake-up missed (a
 * crash between commit and delivery, a lost connection): immediate emails, due digests, unsent digests. It also
 * runs every SCHEDULED_TASKS provider once per period across instances (pg-boss schedules fire once per slot).
 */
@Injectable()
export class NotificationJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(NotificationJobs.name);
  private boss: PgBoss | null = null;
  private listener: Client | null = null;
  private stopping = false;
  private emailWorker: string | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private readonly tasks: ScheduledTask[];

  constructor(
    private readonly config: AppConfig,
    private readonly em: EntityManager,
    private readonly delivery: EmailDelivery,
    private readonly clock: NotificationClock,
    @Optional() @Inject(SCHEDULED_TASKS) tasks?: ScheduledTask | ScheduledTask[],
  ) {
    this.tasks = tasks === undefined ? [] : Array.isArray(tasks) ? tasks : [tasks];
  }

  /** True once the queue runs on this instance. */
  get running(): boolean {
    return this.boss !== null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.notificationWorkers) return;
    if (!this.delivery.enabled && this.tasks.length === 0) return;
    const boss = new PgBoss({
      connectionString: this.config.requireDatabaseUrl(),
      schema: 'pgboss',
      application_name: 'convene-jobs',
      max: 4,
    });
    boss.on('error', (error) => this.log.error({ err: error }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    if (this.delivery.enabled) await this.startEmail(boss);
    for (const task of this.tasks) await this.startTask(boss, task);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    // Graceful: running jobs finish (or time out and are retried by another instance), then the pool closes.
    await this.boss?.stop({ graceful: true, wait: true, timeout: 15_000 });
    this.boss = null;
  }

  /** Queues the immediate emails of these notifications (duplicates collapse: one queued job per notification). */
  async enqueueEmails(ids: string[]): Promise<void> {
    const boss = this.boss;
    if (!boss || ids.length === 0) return;
    for (const id of ids) await boss.send(QUEUES.email, { notificationId: id }, { singletonKey: id });
    if (this.emailWorker) boss.notifyWorker(this.emailWorker);
  }

  /** What the wake-up may have missed: unsent immediate emails, due digests, digests made but not yet sent. */
  async sweep(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    const em = this.em.fork();
    const since = new Date(this.clock.now().getTime() - BACKLOG_MAX_AGE_MS);
    await this.enqueueEmails(await immediateBacklog(em, since, BACKLOG_BATCH));
    await this.delivery.makeDueDigests(this.clock.now());
    for (const id of await pendingDigests(em, BACKLOG_BATCH))
      await boss.send(QUEUES.digest, { digestId: id }, { singletonKey: id });
  }

  private async startEmail(boss: PgBoss): Promise<void> {
    const retry = {
      retryLimit: 10,
      retryDelay: this.config.notificationRetryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: 120,
    };
    await boss.createQueue(QUEUES.email, { name: QUEUES.email, policy: 'stately', ...retry });
    await boss.createQueue(QUEUES.digest, { name: QUEUES.digest, policy: 'stately', ...retry });
    await boss.createQueue(QUEUES.sweep, { name: QUEUES.sweep, policy: 'singleton', expireInSeconds: 300 });
    this.emailWorker = await boss.work<{ notificationId: string }>(
      QUEUES.email,
      { pollingIntervalSeconds: 2 },
      async ([job]) => {
        await this.delivery.deliverImmediate(job.data.notificationId);
      },
    );
    await boss.work<{ digestId: string }>(QUEUES.digest, { pollingIntervalSeconds: 2 }, async ([job]) => {
      await this.delivery.sendDigest(job.data.digestId);
    });
    await boss.work(QUEUES.sweep, () => this.sweep());
    await boss.schedule(QUEUES.sweep, '* * * * *');
    await this.listen();
    await this.sweep(); // after a restart: what committed while no instance was listening
  }

  private async startTask(boss: PgBoss, task: ScheduledTask): Promise<void> {
    const queue = QUEUES.task(task.name);
    await boss.createQueue(queue, {
      name: queue,
      policy: 'singleton', // one run at a time across instances
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: Math.max(60, task.everySeconds),
    });
    await boss.work(queue, () => task.run(this.clock.now()));
    await boss.schedule(queue, cronFor(task.everySeconds));
  }

  /** LISTEN for committed notifications; a lost connection reconnects (the sweep covers the gap). */
  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new Client({ connectionString: this.config.requireDatabaseUrl() });
    const retry = (error?: unknown) => {
      if (error) this.log.warn({ err: error }, 'notification listener lost; reconnecting');
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      if (!this.stopping) this.reconnect = setTimeout(() => void this.listen(), LISTEN_RETRY_MS);
    };
    client.on('error', retry);
    client.on('notification', (message) => {
      const id = message.payload?.split(':')[1];
      if (id) this.wake(id);
    });
    try {
      await client.connect();
      await client.query(`listen ${NOTIFICATION_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      retry(error);
    }
  }

  private pendingWake: string[] = [];
  private wakeTimer: NodeJS.Timeout | null = null;

  /** Batches the ids announced within a few milliseconds, then queues those that await an immediate email. */
  private wake(id: string): void {
    this.pendingWake.push(id);
    this.wakeTimer ??= setTimeout(() => {
      const ids = this.pendingWake.splice(0);
      this.wakeTimer = null;
      if (this.stopping) return;
      void immediatePending(this.em.fork(), ids)
        .then((pending) => this.enqueueEmails(pending))
        .catch((error: unknown) => this.log.warn({ err: error }, 'could not queue emails (the sweep will)'));
    }, 20);
  }
}
