import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { ConflictError, ForbiddenError } from '../common/errors/domain-error';
import { GroupRole } from '../groups/groups.enums';
import { requireGroupRole } from '../groups/group-access';
import { ChannelAccess, loadMessageAccess, readOnlyChannel } from './channel-access';
import { MessageDto, ReactionCountDto } from './dto/message.dto';
import { EditMessagePayload, MessageRefPayload, ReactionPayload } from './dto/socket-payloads.dto';
import { Message } from './entities/message.entity';
import { MessageReaction } from './entities/message-reaction.entity';
import { loadReactions, toMessageDtos } from './message-view';
import { MessagesService } from './messages.service';
import { RealtimeBus } from './realtime-bus';
import { addReaction, removeReaction } from './discussion.queries';

export interface ReactionsView {
  messageId: string;
  channelId: string;
  reactions: ReactionCountDto[];
}

const refuseIfDeleted = (message: Message): void => {
  if (message.deletedAt) {
    throw new ConflictError('This message was deleted.', {
      code: 'message.deleted',
      params: { messageId: message.id },
    });
  }
};

/**
 * A read-only channel (its meeting not open) takes no edits or reactions either: what was said stays as it was.
 * Deletes remain possible (moderation by anchors, retraction by the author).
 */
const refuseIfReadOnly = (ca: ChannelAccess): void => {
  if (ca.channel.readOnly) throw readOnlyChannel(ca.channel.id);
};

/** Edits, deletes (tombstones) and reactions. Each commits, then broadcasts to the channel's room. */
@Injectable()
export class MessageChangesService {
  constructor(
    private readonly em: EntityManager,
    private readonly bus: RealtimeBus,
    private readonly audit: AuditService,
    private readonly messages: MessagesService,
  ) {}

  /** Author only; the previous body goes to the edit history. Never audited (the author edits their own). */
  async edit(meta: AuthenticatedMeta, dto: EditMessagePayload): Promise<MessageDto> {
    const view = await this.em.fork().transactional(async (em) => {
      const ma = await loadMessageAccess(em, dto.messageId, meta.user, { lock: true });
      const { message } = ma;
      if (message.author.id !== meta.user.id) {
        throw new ForbiddenError('Only the author may edit a message.', { code: 'message.not_author' });
      }
      refuseIfDeleted(message);
      requireGroupRole(ma.access, GroupRole.Member, 'edit messages');
      refuseIfReadOnly(ma);
      if (message.body === dto.body) return (await toMessageDtos(em, [message]))[0];
      const editedAt = new Date();
      message.edits = [...message.edits, { body: message.body ?? '', editedAt: editedAt.toISOString() }];
      message.body = dto.body;
      message.editedAt = editedAt;
      message.mentions = await this.messages.resolveMentions(em, ma, dto.body);
      await em.flush();
      return (await toMessageDtos(em, [message]))[0];
    });
    this.bus.toChannel(view.channelId, 'message:updated', view);
    return view;
  }

  /**
   * The author, or an anchor of the group (moderation), turns the message into a tombstone: id and seq stay,
   * the body, mentions, reactions and edit history go. A delete by someone else is audited.
   */
  async delete(meta: AuthenticatedMeta, dto: MessageRefPayload): Promise<MessageDto> {
    const { view, changed } = await this.em.fork().transactional(async (em) => {
      const ma = await loadMessageAccess(em, dto.messageId, meta.user, { lock: true });
      const { message, access } = ma;
      const byAuthor = message.author.id === meta.user.id;
      if (!byAuthor && access.role !== GroupRole.Anchor) {
        throw new ForbiddenError('Only the author or an anchor of the group may delete a message.', {
          code: 'message.delete_forbidden',
        });
      }
      if (message.deletedAt) return { view: (await toMessageDtos(em, [message]))[0], changed: false };
      const [before] = await toMessageDtos(em, [message]);
      message.body = null;
      message.mentions = [];
      message.edits = [];
      message.deletedAt = new Date();
      await em.nativeDelete(MessageReaction, { message: message.id });
      await em.flush();
      const [after] = await toMessageDtos(em, [message]);
      if (!byAuthor) {
        await this.audit.recordGroupChange(em, meta, access.group.id, {
          action: 'message.deleted',
          entityType: 'Message',
          entityId: message.id,
          before,
          after,
        });
      }
      return { view: after, changed: true };
    });
    if (changed) this.bus.toChannel(view.channelId, 'message:deleted', view);
    return view;
  }

  /** Members and anchors react (observers read only); one reaction per user, message and emoji. */
  async react(meta: AuthenticatedMeta, dto: ReactionPayload, add: boolean): Promise<ReactionsView> {
    const view = await this.em.fork().transactional(async (em) => {
      const ma = await loadMessageAccess(em, dto.messageId, meta.user);
      requireGroupRole(ma.access, GroupRole.Member, 'react to messages');
      refuseIfDeleted(ma.message);
      refuseIfReadOnly(ma);
      if (add) {
        await addReaction(em, ma.message.id, meta.user.id, dto.emoji);
      } else {
        await removeReaction(em, ma.message.id, meta.user.id, dto.emoji);
      }
      const reactions = await loadReactions(em, [ma.message.id]);
      return {
        messageId: ma.message.id,
        channelId: ma.channel.id,
        reactions: reactions.get(ma.message.id) ?? [],
      };
    });
    this.bus.toChannel(view.channelId, 'reaction:updated', view);
    return view;
  }
}
