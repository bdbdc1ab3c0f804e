import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks, TransactionalHookMap } from '../../common/events/hooks';
import '../../meetings/meetings.hooks';
import { AgendaItem } from '../../meetings/entities/agenda-item.entity';
import { ActionItem } from '../../meetings/entities/minutes.entity';
import { AgendaItemStatus, MeetingStatus } from '../../meetings/meetings.enums';
import { NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';
import { activeMemberIds, interestedIds, meetingParams, meetingWithGroup } from './recipients';

type Hook<K extends keyof TransactionalHookMap> = TransactionalHookMap[K];

/**
 * Meeting events (docs/notifications.md, "Meeting and document events"), each written to the outbox inside the
 * transaction of its change through the meetings context's hooks: a rolled-back change tells no one.
 */
@Injectable()
export class MeetingsProducer implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.hooks.onTransaction('meeting.created', (em, p) =>
      p.status === MeetingStatus.Scheduled ? this.scheduled(em, p.meetingId, p.actorId) : Promise.resolve(),
    );
    this.hooks.onTransaction('meeting.status_changed', (em, p) => this.statusChanged(em, p));
    this.hooks.onTransaction('meeting.updated', (em, p) => this.updated(em, p));
    this.hooks.onTransaction('meeting.waitlist_promoted', (em, p) => this.promoted(em, p));
    this.hooks.onTransaction('agenda_item.decided', (em, p) => this.agendaDecided(em, p));
    this.hooks.onTransaction('minutes.published', (em, p) => this.minutesPublished(em, p));
  }

  /** Published (created `scheduled`, or a draft scheduled): every active member of the group. */
  private async scheduled(em: EntityManager, meetingId: string, actorId: string | null): Promise<void> {
    const found = await meetingWithGroup(em, meetingId);
    if (!found) return;
    const { meeting, group } = found;
    await this.outbox.add(em, {
      kind: NotificationKind.MeetingScheduled,
      recipientIds: await activeMemberIds(em, group.id),
      actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.Meeting, id: meeting.id },
      params: meetingParams(meeting, group),
    });
  }

  private async statusChanged(em: EntityManager, p: Hook<'meeting.status_changed'>): Promise<void> {
    if (p.status === MeetingStatus.Scheduled && p.previousStatus === MeetingStatus.Draft) {
      return this.scheduled(em, p.meetingId, p.actorId);
    }
    // A draft cancelled was never announced (and has no answers): no one to tell.
    if (p.status !== MeetingStatus.Cancelled || p.previousStatus === MeetingStatus.Draft) return;
    const found = await meetingWithGroup(em, p.meetingId);
    if (!found) return;
    const { meeting, group } = found;
    await this.outbox.add(em, {
      kind: NotificationKind.MeetingCancelled,
      recipientIds: await interestedIds(em, meeting.id),
      actorId: p.actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.Meeting, id: meeting.id },
      params: { ...meetingParams(meeting, group), reason: p.reason },
    });
  }

  /** A scheduled meeting whose start or end changed: those who answered going (or waitlisted) or maybe. */
  private async updated(em: EntityManager, p: Hook<'meeting.updated'>): Promise<void> {
    if (p.status !== MeetingStatus.Scheduled) return;
    const found = await meetingWithGroup(em, p.meetingId);
    if (!found) return;
    const { meeting, group } = found;
    const moved =
      meeting.startsAt.getTime() !== p.previousStartsAt.getTime() ||
      meeting.endsAt.getTime() !== p.previousEndsAt.getTime();
    if (!moved) return;
    await this.outbox.add(em, {
      kind: NotificationKind.MeetingMoved,
      recipientIds: await interestedIds(em, meeting.id),
      actorId: p.actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.Meeting, id: meeting.id },
      params: { ...meetingParams(meeting, group), previousStartsAt: p.previousStartsAt.toISOString() },
    });
  }

  private async promoted(em: EntityManager, p: Hook<'meeting.waitlist_promoted'>): Promise<void> {
    const found = await meetingWithGroup(em, p.meetingId);
    if (!found) return;
    const { meeting, group } = found;
    await this.outbox.add(em, {
      kind: NotificationKind.WaitlistPromoted,
      recipientIds: p.userIds,
      actorId: p.actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.Meeting, id: meeting.id },
      params: meetingParams(meeting, group),
    });
  }

  private async agendaDecided(em: EntityManager, p: Hook<'agenda_item.decided'>): Promise<void> {
    const found = await meetingWithGroup(em, p.meetingId);
    const item = await em.findOne(AgendaItem, { id: p.itemId });
    if (!found || !item) return;
    await this.outbox.add(em, {
      kind:
        p.status === AgendaItemStatus.Accepted
          ? NotificationKind.AgendaItemAccepted
          : NotificationKind.AgendaItemRejected,
      recipientIds: [p.proposedById],
      actorId: p.actorId,
      groupId: found.group.id,
      subject: { type: NotificationSubjectType.AgendaItem, id: item.id },
      params: { groupName: found.group.name, meetingTitle: found.meeting.title, itemTitle: item.title },
    });
  }

  /**
   * Minutes published: every active member; and each action item's assignee, now that the item is visible (a
   * draft's items are replaced wholesale on each save, so they are announced once, with the minutes).
   */
  private async minutesPublished(em: EntityManager, p: Hook<'minutes.published'>): Promise<void> {
    const found = await meetingWithGroup(em, p.meetingId);
    if (!found) return;
    const { meeting, group } = found;
    await this.outbox.add(em, {
      kind: NotificationKind.MinutesPublished,
      recipientIds: await activeMemberIds(em, group.id),
      actorId: p.actorId,
      groupId: group.id,
      // Minutes are addressed by their meeting (`GET /meetings/:id/minutes`).
      subject: { type: NotificationSubjectType.Minutes, id: meeting.id },
      params: { groupName: group.name, meetingTitle: meeting.title },
    });
    const items = await em.find(ActionItem, { id: p.actionItemIds }, { orderBy: { position: 'asc' } });
    for (const item of items) {
      await this.outbox.add(em, {
        kind: NotificationKind.ActionItemAssigned,
        recipientIds: [item.assignee.id],
        actorId: p.actorId,
        groupId: group.id,
        subject: { type: NotificationSubjectType.ActionItem, id: item.id },
        params: {
          groupName: group.name,
          meetingTitle: meeting.title,
          itemTitle: item.title,
          dueDate: item.dueDate,
        },
      });
    }
  }
}
