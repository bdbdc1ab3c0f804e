import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks, TransactionalHookMap } from '../../common/events/hooks';
import '../../discussion/discussion.hooks';
import { NewNotification, NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';

/** How much of a message's body its notification keeps (emails quote it; titles do not). */
export const EXCERPT_LENGTH = 140;

export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1)}…`;
}

/**
 * Mentions and replies, in the send batch's transaction (decision 0009 keeps one commit statement per batch;
 * this adds one outbox statement, only for batches that stored a mention or a reply): each mentioned user is told
 * `mention`, the parent's author `reply` unless the same message mentions them too (one notification). The
 * author is never told of their own message.
 */
@Injectable()
export class MessageNotifications implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.hooks.onTransaction('messages.committed', (em, batch) => this.notify(em, batch));
  }

  private async notify(em: EntityManager, batch: TransactionalHookMap['messages.committed']): Promise<void> {
    const inputs: NewNotification[] = [];
    for (const message of batch.messages) {
      const common = {
        actorId: message.authorId,
        groupId: batch.groupId,
        subject: { type: NotificationSubjectType.Message, id: message.id },
        params: {
          groupName: batch.groupName,
          channelName: batch.channelName,
          excerpt: excerptOf(message.body),
        },
      };
      if (message.mentions.length > 0) {
        inputs.push({ ...common, kind: NotificationKind.Mention, recipientIds: message.mentions });
      }
      const parent = message.parentAuthorId;
      if (parent !== null && !message.mentions.includes(parent)) {
        inputs.push({ ...common, kind: NotificationKind.Reply, recipientIds: [parent] });
      }
    }
    await this.outbox.addMany(em, inputs);
  }
}
