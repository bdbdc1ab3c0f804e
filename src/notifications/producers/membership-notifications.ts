import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks, TransactionalHookMap } from '../../common/events/hooks';
import '../../groups/groups.hooks';
import { MembershipStatus } from '../../groups/groups.enums';
import { NewNotification, NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';
import { activeAnchors } from '../notifications.queries';

type Change = TransactionalHookMap['membership.changed'];

/**
 * Membership events, in the membership change's transaction (docs/notifications.md, "Events and who is told"): a
 * request → the group's active anchors; a request approved (by an anchor, an anchor's invitation of the requester,
 * or a steward adding them) or rejected → the requester; an invitation → the invitee. The actor is never told
 * (the outbox leaves them out).
 */
@Injectable()
export class MembershipNotifications implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.hooks.onTransaction('membership.changed', (em, change) => this.notify(em, change));
  }

  private async notify(em: EntityManager, change: Change): Promise<void> {
    const notification = await this.notificationOf(em, change);
    if (notification) await this.outbox.add(em, notification);
  }

  private async notificationOf(em: EntityManager, c: Change): Promise<NewNotification | null> {
    const base = {
      actorId: c.actorId,
      groupId: c.groupId,
      subject: { type: NotificationSubjectType.Membership, id: c.membershipId },
    };
    const wasRequest = c.previousStatus === MembershipStatus.Requested;
    switch (c.action) {
      case 'membership.requested':
        return {
          ...base,
          kind: NotificationKind.JoinRequested,
          recipientIds: await activeAnchors(em, c.groupId),
          params: { groupName: c.groupName, requesterName: c.userName },
        };
      case 'membership.approved':
      case 'membership.added':
        if (!wasRequest) return null;
        return {
          ...base,
          kind: NotificationKind.JoinApproved,
          recipientIds: [c.userId],
          params: { groupName: c.groupName },
        };
      case 'membership.rejected':
        return {
          ...base,
          kind: NotificationKind.JoinRejected,
          recipientIds: [c.userId],
          params: { groupName: c.groupName },
        };
      case 'membership.invited':
        return {
          ...base,
          kind: NotificationKind.Invited,
          recipientIds: [c.userId],
          params: { groupName: c.groupName, role: c.role },
        };
      default:
        return null;
    }
  }
}
