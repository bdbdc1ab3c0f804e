import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks, TransactionalHookMap } from '../../common/events/hooks';
import '../../documents/documents.hooks';
import { canSeeDocument } from '../../documents/documents-access';
import { Document } from '../../documents/entities/document.entity';
import { NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';
import { activeMembers } from './recipients';

/**
 * A new document version, the first one included (a new document in the library): the group's active members who
 * may see that document, decided by the documents context's own rule (`canSeeDocument`) for each of them, so the
 * notification never tells more than `GET /documents/:id` would show its reader.
 */
@Injectable()
export class DocumentsProducer implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.hooks.onTransaction('document.version_added', (em, p) => this.versionAdded(em, p));
  }

  private async versionAdded(
    em: EntityManager,
    p: TransactionalHookMap['document.version_added'],
  ): Promise<void> {
    const document = await em.findOne(Document, { id: p.documentId }, { populate: ['group'] });
    if (!document) return;
    const group = document.group.getEntity();
    const readers = (await activeMembers(em, group.id)).filter((membership) =>
      canSeeDocument({ group, user: null, membership, role: membership.role, isSteward: false }, document),
    );
    await this.outbox.add(em, {
      kind: NotificationKind.DocumentVersionAdded,
      recipientIds: readers.map((m) => m.user.id),
      actorId: p.actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.Document, id: document.id },
      params: { groupName: group.name, documentTitle: document.title, versionNumber: p.versionNumber },
    });
  }
}
