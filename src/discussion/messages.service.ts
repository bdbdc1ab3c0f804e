import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthUser } from '../common/auth/auth-user';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { GroupRole } from '../groups/groups.enums';
import { groupRoleRequired, meetsGroupRole } from '../groups/group-access';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/pagination';
import {
  ChannelAccess,
  loadChannelAccess,
  NOT_FOUND_CHANNEL,
  readOnlyChannel,
  requirePoster,
} from './channel-access';
import { User } from '../users/entities/user.entity';
import { MessageDto, MessageHistoryDto, MessageHistoryQueryDto } from './dto/message.dto';
import { SendMessagePayload } from './dto/socket-payloads.dto';
import { Channel } from './entities/channel.entity';
import { Message } from './entities/message.entity';
import { findMentions } from './mentions';
import { toMessageDtos } from './message-view';
import { RealtimeBus } from './realtime-bus';
import { SerialQueue } from './serial-queue';
import {
  lockChannelForSend,
  mentionCandidates,
  nextChannelSeq,
  shareLockActiveMembership,
} from './discussion.queries';

/** How many missed messages one `channel:join` replays; past that the client pages. */
export const REPLAY_LIMIT = 500;

interface Draft {
  channelId: string;
  author: { id: string; displayName: string };
  body: string;
  parentId: string | null;
  mentions: string[];
  clientMessageId: string;
}

export interface SendResult {
  message: MessageDto;
  /** False when the clientMessageId was seen before: the first message is returned and nothing is broadcast. */
  created: boolean;
}

/** Posting and reading messages. Edits, deletes and reactions live in MessageChangesService. */
@Injectable()
export class MessagesService {
  private readonly perChannel = new SerialQueue();

  constructor(
    private readonly em: EntityManager,
    private readonly bus: RealtimeBus,
  ) {}

  /**
   * Commit, then broadcast, then answer. The send takes its place in the channel's FIFO at once (so one socket's
   * messages get seqs in the order it sent them), the rule checks (membership, role, parent, mentions) start at
   * once too and run concurrently with other sends; only the short insert transaction runs one at a time per
   * channel on this instance, so broadcasts leave in seq order. The row lock orders commits across instances.
   */
  send(user: AuthUser, dto: SendMessagePayload): Promise<SendResult> {
    const prepared = this.prepare(user, dto);
    prepared.catch(() => undefined); // observed by the queued task below; avoids an unhandled rejection meanwhile
    return this.perChannel.run(dto.channelId, async () => {
      const draft = await prepared;
      if ('retried' in draft) return { message: draft.retried, created: false };
      const result = await this.insertOnce(draft);
      if (result.created) this.bus.toChannel(draft.channelId, 'message:new', result.message);
      return result;
    });
  }

  /** The rules, read from the database on every send (no lock needed: the insert re-checks what can race). */
  private async prepare(user: AuthUser, dto: SendMessagePayload): Promise<Draft | { retried: MessageDto }> {
    const em = this.em.fork();
    const ca = await loadChannelAccess(em, dto.channelId, user);
    const retried = await this.findByClientId(em, ca.channel.id, user.id, dto.clientMessageId);
    if (retried) return { retried };
    requirePoster(ca);
    const author = await em.findOneOrFail(User, { id: user.id }, { fields: ['displayName'] });
    return {
      channelId: ca.channel.id,
      author: { id: user.id, displayName: author.displayName },
      body: dto.body,
      parentId: await this.checkParent(em, ca.channel, dto.parentId),
      mentions: await this.resolveMentions(em, ca, dto.body),
      clientMessageId: dto.clientMessageId,
    };
  }

  private async insertOnce(draft: Draft): Promise<SendResult> {
    try {
      return await this.em.fork().transactional(async (em) => {
        // Row lock on the channel: serialises senders of this channel until commit. A retry that raced with
        // its first attempt waits here, then sees the committed first message below.
        const channel = await lockChannelForSend(em, draft.channelId);
        if (!channel) throw new NotFoundError(NOT_FOUND_CHANNEL);
        await this.requireActivePoster(em, channel.group_id, draft.author.id);
        const existing = await this.findByClientId(
          em,
          draft.channelId,
          draft.author.id,
          draft.clientMessageId,
        );
        if (existing) return { message: existing, created: false };
        // Restricted (draft meeting) channels are always read-only too, so this also covers them.
        if (channel.read_only) throw readOnlyChannel(draft.channelId);
        const seq = await nextChannelSeq(em, draft.channelId);
        const id = randomUUID();
        const createdAt = new Date();
        await em.insert(Message, {
          id,
          channel: draft.channelId,
          seq,
          author: draft.author.id,
          body: draft.body,
          parent: draft.parentId,
          mentions: draft.mentions,
          clientMessageId: draft.clientMessageId,
          edits: [],
          createdAt,
        });
        const message: MessageDto = {
          id,
          channelId: draft.channelId,
          seq,
          author: draft.author,
          body: draft.body,
          parentId: draft.parentId,
          mentions: draft.mentions,
          reactions: [],
          clientMessageId: draft.clientMessageId,
          createdAt,
          editedAt: null,
          deletedAt: null,
        };
        return { message, created: true };
      });
    } catch (error) {
      // Backstop for the unique index (author, channel, clientMessageId): the other attempt won; answer with it.
      if (error instanceof UniqueConstraintViolationException) {
        const em = this.em.fork();
        const existing = await this.findByClientId(
          em,
          draft.channelId,
          draft.author.id,
          draft.clientMessageId,
        );
        if (existing) return { message: existing, created: false };
      }
      throw error;
    }
  }

  /**
   * The author's membership, checked again under the channel lock with FOR SHARE on the membership row: a
   * removal or demotion either committed before (refused here) or waits until this message is committed, so no
   * message is stored after its author left the group. This takes the membership after the channel, against
   * the lock order: see the known exception in docs/architecture.md, "Lock order".
   */
  private async requireActivePoster(em: EntityManager, groupId: string, userId: string): Promise<void> {
    const membership = await shareLockActiveMembership(em, groupId, userId);
    if (!membership) throw new NotFoundError(NOT_FOUND_CHANNEL);
    if (!meetsGroupRole(membership.role, GroupRole.Member)) {
      throw groupRoleRequired(GroupRole.Member, 'post in this channel');
    }
  }

  private async findByClientId(
    em: EntityManager,
    channelId: string,
    authorId: string,
    clientMessageId: string,
  ): Promise<MessageDto | null> {
    const message = await em.findOne(Message, { channel: channelId, author: authorId, clientMessageId });
    if (!message) return null;
    const [view] = await toMessageDtos(em, [message]);
    return view;
  }

  private async checkParent(em: EntityManager, channel: Channel, parentId?: string): Promise<string | null> {
    if (!parentId) return null;
    const parent = await em.findOne(Message, { id: parentId }, { fields: ['id', 'channel'] });
    if (!parent || parent.channel.id !== channel.id) {
      throw new ValidationError(
        [{ path: 'parentId', message: 'parentId must be a message of the same channel' }],
        'A reply must answer a message of the same channel.',
      );
    }
    return parent.id;
  }

  /** `@Display Name` tokens, resolved to the group's active members. */
  async resolveMentions(em: EntityManager, ca: ChannelAccess, body: string): Promise<string[]> {
    if (!body.includes('@')) return [];
    return findMentions(body, await mentionCandidates(em, ca.channel.group.id, body));
  }

  /**
   * Missed messages for `channel:join`: seq > sinceSeq, ascending, at most REPLAY_LIMIT. `replayedThrough` is
   * the highest seq read (sinceSeq when none): a live `message:new` at or below it duplicates the replay.
   */
  async replay(
    em: EntityManager,
    channelId: string,
    sinceSeq: number,
  ): Promise<{ missed: MessageDto[]; hasMore: boolean; replayedThrough: number }> {
    const rows = await em.find(
      Message,
      { channel: channelId, seq: { $gt: sinceSeq } },
      { orderBy: { seq: 'asc' }, limit: REPLAY_LIMIT + 1 },
    );
    const hasMore = rows.length > REPLAY_LIMIT;
    const page = rows.slice(0, REPLAY_LIMIT);
    return {
      missed: await toMessageDtos(em, page),
      hasMore,
      replayedThrough: page.length > 0 ? page[page.length - 1].seq : sinceSeq,
    };
  }

  /**
   * REST history. `afterSeq`: the next messages after it (catching up); otherwise the latest messages, or those
   * before `beforeSeq` (scrolling back). Items are always ascending by seq.
   */
  async history(
    channelId: string,
    query: MessageHistoryQueryDto,
    user: AuthUser,
  ): Promise<MessageHistoryDto> {
    const em = this.em.fork();
    const ca = await loadChannelAccess(em, channelId, user);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const seq: Record<string, number> = {};
    if (query.afterSeq !== undefined) seq.$gt = query.afterSeq;
    if (query.beforeSeq !== undefined) seq.$lt = query.beforeSeq;
    const ascending = query.afterSeq !== undefined;
    const rows = await em.find(
      Message,
      { channel: ca.channel.id, ...(Object.keys(seq).length > 0 ? { seq } : {}) },
      { orderBy: { seq: ascending ? 'asc' : 'desc' }, limit: limit + 1 },
    );
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    if (!ascending) page.reverse();
    return { items: await toMessageDtos(em, page), hasMore, nextCursor: null };
  }
}
