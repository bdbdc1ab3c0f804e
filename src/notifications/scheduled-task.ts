/**
 * Work that runs on a clock (meeting reminders, action items due tomorrow or overdue, priority areas closing).
 * Each task is a provider registered under SCHEDULED_TASKS; the job queue runs every task once per period on one
 * instance at a time. `run` must be idempotent (dedupe keys on the outbox), because a period can be run twice
 * after a crash, and must look only at `now`, so tests drive it with any clock.
 */
export interface ScheduledTask {
  /** A stable job name, e.g. `meeting-reminders`. */
  readonly name: string;
  /** How often it runs, in seconds (the queue's cron granularity is one minute: 60 or a multiple). */
  readonly everySeconds: number;
  run(now: Date): Promise<void>;
}

export const SCHEDULED_TASKS = Symbol('SCHEDULED_TASKS');
