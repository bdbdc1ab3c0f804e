import type { Provider } from '@nestjs/common';
import { SCHEDULED_TASKS, type ScheduledTask } from '../scheduled-task';
import { ActionItemRemindersTask } from './action-item-reminders.task';
import { MeetingRemindersTask } from './meeting-reminders.task';
import { PriorityAreaClosingTask } from './priority-area-closing.task';

/** The meeting, action-item and priority-area tasks, and the SCHEDULED_TASKS list the job queue runs (add other tasks here). */
export const SCHEDULED_TASK_PROVIDERS: Provider[] = [
  MeetingRemindersTask,
  ActionItemRemindersTask,
  PriorityAreaClosingTask,
  {
    provide: SCHEDULED_TASKS,
    useFactory: (...tasks: ScheduledTask[]): ScheduledTask[] => tasks,
    inject: [MeetingRemindersTask, ActionItemRemindersTask, PriorityAreaClosingTask],
  },
];
