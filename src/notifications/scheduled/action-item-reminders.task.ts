import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Membership } from '../../groups/membership/entities/membership.entity';
import { MembershipStatus } from '../../groups/groups.enums';
import { ActionItem } from '../../meetings/entities/minutes.entity';
import { ActionItemStatus, MinutesStatus } from '../../meetings/meetings.enums';
import { NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';
import type { ScheduledTask } from '../scheduled-task';
import { addDays, localDateAndHour } from './local-date';

/** The local hour from which a person is told about tomorrow's or yesterday's items (as digests: 08:00). */
export const ACTION_ITEM_NOTICE_HOUR = 8;
/** An item overdue for longer than this is not announced any more (a missed week is not caught up). */
export const OVERDUE_NOTICE_DAYS = 7;

type Notice = NotificationKind.ActionItemDueTomorrow | NotificationKind.ActionItemOverdue;

export const actionItemNoticeKey = (itemId: string, notice: 'due-tomorrow' | 'overdue', dueDate: string) =>
  `action-item:${itemId}:${notice}:${dueDate}`;

/**
 * Which notice, if any, an open item due on `dueDate` gets at `now` for an assignee living in `timeZone`:
 * "due tomorrow" on the day before, from 08:00 local; "overdue" from 08:00 on the day after, for a week.
 */
export function actionItemNotice(now: Date, timeZone: string, dueDate: string): Notice | null {
  const { date, hour } = localDateAndHour(now, timeZone);
  const fromNoticeHour = hour >= ACTION_ITEM_NOTICE_HOUR;
  if (date === addDays(dueDate, -1) && fromNoticeHour) return NotificationKind.ActionItemDueTomorrow;
  const firstOverdueDay = addDays(dueDate, 1);
  if (date === firstOverdueDay && fromNoticeHour) return NotificationKind.ActionItemOverdue;
  if (date > firstOverdueDay && date <= addDays(dueDate, OVERDUE_NOTICE_DAYS)) {
    return NotificationKind.ActionItemOverdue;
  }
  return null;
}

/**
 * Action items due tomorrow and overdue, in the assignee's time zone: open items of published minutes whose
 * assignee is still an active member of the group. Each notice once per item (dedupe key), whatever the number
 * of runs.
 */
@Injectable()
export class ActionItemRemindersTask implements ScheduledTask {
  readonly name = 'action-item-reminders';
  readonly everySeconds = 300;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: NotificationOutbox,
  ) {}

  async run(now: Date): Promise<void> {
    const utcToday = now.toISOString().slice(0, 10);
    // Every zone is within a day of UTC, so this range holds every item a notice may concern today.
    const items = await this.em.fork().find(
      ActionItem,
      {
        status: ActionItemStatus.Open,
        minutes: { status: MinutesStatus.Published },
        dueDate: { $gte: addDays(utcToday, -(OVERDUE_NOTICE_DAYS + 1)), $lte: addDays(utcToday, 2) },
      },
      { populate: ['assignee', 'group', 'minutes.meeting'], orderBy: { dueDate: 'asc', id: 'asc' } },
    );
    for (const item of items) {
      const notice = actionItemNotice(now, item.assignee.getEntity().timeZone, item.dueDate);
      if (notice) await this.tell(item, notice);
    }
  }

  private async tell(item: ActionItem, kind: Notice): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      // Read again in the transaction: done since the scan, or its assignee left the group, means no notice.
      const open = await em.count(ActionItem, { id: item.id, status: ActionItemStatus.Open });
      const member = await em.count(Membership, {
        group: item.group.id,
        user: item.assignee.id,
        status: MembershipStatus.Active,
      });
      if (open === 0 || member === 0) return;
      const group = item.group.getEntity();
      await this.outbox.add(em, {
        kind,
        recipientIds: [item.assignee.id],
        actorId: null,
        groupId: group.id,
        subject: { type: NotificationSubjectType.ActionItem, id: item.id },
        params: {
          groupName: group.name,
          meetingTitle: item.minutes.getEntity().meeting.getEntity().title,
          itemTitle: item.title,
          dueDate: item.dueDate,
        },
        dedupeKey: actionItemNoticeKey(
          item.id,
          kind === NotificationKind.ActionItemDueTomorrow ? 'due-tomorrow' : 'overdue',
          item.dueDate,
        ),
      });
    });
  }
}
