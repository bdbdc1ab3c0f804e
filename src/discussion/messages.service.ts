import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainHooks } from '../common/events/hooks';
import { isSteward } from '../common/auth/access';
import { AuthUser } from '../common/auth/auth-user';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { GroupRole } from '../groups/groups.enums';
import { groupRoleRequired, meetsGroupRole } from '../groups/group-access';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/pagination';
import { ChannelAccess, loadChannelAccess, NOT_FOUND_CHANNEL, readOnlyChannel } from './channel-access';
import { MessageDto, MessageHistoryDto, MessageHistoryQueryDto } from './dto/message.dto';
import { SendMessagePayload } from './dto/socket-payloads.dto';
import { Message } from './entities/message.entity';
import { GroupCommit, GroupCommitStats, Outcome } from './group-commit';
import { findMentions } from './mentions';
import { toMessageDtos } from './message-view';
import { RealtimeBus } from './realtime-bus';
import { selectHistoryPage } from './history.queries';
import { BatchedMessage, BatchVerdict, commitMessageBatch, mentionCandidates } from './send.queries';

/** How many missed messages one `channel:join` replays; past that the client pages. */
export const REPLAY_LIMIT = 500;

/** At most this many messages per commit statement (docs/decisions/0009-group-commit-send-path.md). */
export const SEND_BATCH_MAX = 64;

/** A UniqueConstraintViolation of the batch (another instance stored a key meanwhile) is retried this often. */
const KEY_RACE_RETRIES = 3;

/** Roles that may post: the SQL twin of `meetsGroupRole(role, GroupRole.Member)`. */
const POSTER_ROLES = Object.values(GroupRole).filter((role) => meetsGroupRole(role, GroupRole.Member));

/**
 * Channels a socket's user was found allowed to read (channel exists, active member, visible), with their
 * group: kept by the gateway per socket so that a send reads nothing before its commit. Only positive answers
 * are kept, and the commit statement re-checks membership, role, visibility and read-only under the locks, so
 * a stale entry can only make a send reach the statement that refuses it with the same error as a fresh read.
 */
export interface SenderCache {
  get(channelId: string): string | undefined;
  remember(channelId: string, groupId: string): void;
}

interface Draft {
  channelId: string;
  author: AuthUser;
  body: string;
  parentId: string | null;
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
  /** Per channel: one commit in flight, later sends accumulate for the next one (group commit). */
  private readonly commits = new GroupCommit<Promise<Draft>, SendResult>(SEND_BATCH_MAX, (channelId, batch) =>
    this.commitBatch(channelId, batch),
  );

  constructor(
    private readonly em: EntityManager,
    private readonly bus: RealtimeBus,
    private readonly hooks: DomainHooks,
  ) {}

  /** Statements run again because another instance stored one of their keys meanwhile. */
  private keyRaceRetries = 0;

  /** Commits and messages per commit so far on this process, and key-race retries (tests read it). */
  get commitStats(): GroupCommitStats & { keyRaceRetries: number } {
    return { ...this.commits.stats, keyRaceRetries: this.keyRaceRetries };
  }

  /** Sends of the channel waiting for the next commit on this process (tests use it to stage a batch). */
  queuedSends(channelId: string): number {
    return this.commits.queued(channelId);
  }

  /**
   * Commit, then broadcast, then answer. The send takes its place in the channel's queue at once (so one
   * socket's messages get seqs in the order it sent them) while its preparation (channel access from the
   * socket's cache or the database) runs concurrently; the commit statement takes every message that
   * queued while the previous commit was in flight, and its broadcasts and answers leave in seq order.
   */
  send(user: AuthUser, dto: SendMessagePayload, cache?: SenderCache): Promise<SendResult> {
    const prepared = this.prepare(user, dto, cache);
    prepared.catch(() => undefined); // observed by the batch below; avoids an unhandled rejection meanwhile
    return this.commits.run(dto.channelId, prepared);
  }

  /**
   * Reads only what the commit statement cannot: whether the caller may see the channel at all (404 before
   * anything else; from the socket's cache when it has answered yes before). Role, read-only, parent, retries
   * and mentions are decided by the statement.
   */
  private async prepare(user: AuthUser, dto: SendMessagePayload, cache?: SenderCache): Promise<Draft> {
    if (cache?.get(dto.channelId) === undefined) {
      const ca = await loadChannelAccess(this.em.fork(), dto.channelId, user);
      cache?.remember(dto.channelId, ca.channel.group.id);
    }
    return {
      channelId: dto.channelId,
      author: user,
      body: dto.body,
      parentId: dto.parentId ?? null,
      clientMessageId: dto.clientMessageId,
    };
  }

  /**
   * One batch: the drafts that prepared fine go into one commit statement (a send with the same author and
   * clientMessageId as an earlier one of the batch shares its answer); each refused message fails alone.
   * Broadcasts leave here, after commit, in seq order; GroupCommit then answers in the same order.
   */
  private async commitBatch(channelId: string, batch: Promise<Draft>[]): Promise<Outcome<SendResult>[]> {
    const drafts = await Promise.allSettled(batch);
    const outcomes: (Outcome<SendResult> | undefined)[] = drafts.map((d) =>
      d.status === 'rejected' ? { ok: false, error: d.reason as unknown } : undefined,
    );
    const firstOfKey = new Map<string, number>();
    const sameAs = new Map<number, number>();
    const rows: BatchedMessage[] = [];
    drafts.forEach((d, ord) => {
      if (d.status !== 'fulfilled') return;
      const key = `${d.value.author.id}\u0000${d.value.clientMessageId}`;
      const first = firstOfKey.get(key);
      if (first !== undefined) {
        sameAs.set(ord, first);
        return;
      }
      firstOfKey.set(key, ord);
      rows.push(toBatched(ord, d.value));
    });
    if (rows.length > 0) {
      const createdAt = new Date();
      const verdicts = await this.runStatement(channelId, rows, createdAt);
      const drafted = new Map(rows.map((r) => [r.ord, r]));
      const existing = await this.loadExisting(verdicts);
      for (const verdict of verdicts) {
        const draft = (drafts[verdict.ord] as PromiseFulfilledResult<Draft>).value;
        outcomes[verdict.ord] = this.outcomeOf(
          verdict,
          draft,
          drafted.get(verdict.ord)!,
          existing,
          createdAt,
        );
      }
    }
    for (const [ord, first] of sameAs) {
      const outcome = outcomes[first]!;
      outcomes[ord] = outcome.ok ? { ok: true, value: { ...outcome.value, created: false } } : outcome;
    }
    // In ord order = seq order for the created ones.
    for (const outcome of outcomes) {
      if (outcome?.ok && outcome.value.created) {
        this.bus.toChannel(channelId, 'message:new', outcome.value.message);
      }
    }
    return outcomes as Outcome<SendResult>[];
  }

  /**
   * The statement, run again when another instance stored one of the batch's keys while it waited. A batch in
   * which some message may mention (has '@') or replies runs in a transaction with the `messages.committed` hook
   * (the notifications context adds one statement), so its notifications commit with the messages; any other
   * batch is the one autocommit statement, as before.
   */
  private async runStatement(
    channelId: string,
    rows: BatchedMessage[],
    createdAt: Date,
  ): Promise<BatchVerdict[]> {
    const mayNotify = rows.some((r) => r.parentId !== null || r.body.includes('@'));
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (!mayNotify)
          return await commitMessageBatch(this.em.fork(), channelId, rows, POSTER_ROLES, createdAt);
        return await this.em.fork().transactional(async (em) => {
          const verdicts = await commitMessageBatch(em, channelId, rows, POSTER_ROLES, createdAt);
          await this.raiseCommitted(em, channelId, rows, verdicts);
          return verdicts;
        });
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= KEY_RACE_RETRIES)
          throw error;
        this.keyRaceRetries += 1;
      }
    }
  }

  /** Tells the contexts above about the created messages that mention someone or reply to someone. */
  private async raiseCommitted(
    em: EntityManager,
    channelId: string,
    rows: BatchedMessage[],
    verdicts: BatchVerdict[],
  ): Promise<void> {
    const byOrd = new Map(rows.map((r) => [r.ord, r]));
    const messages = verdicts.flatMap((v) => {
      const row = byOrd.get(v.ord);
      if (v.outcome !== 'created' || !row || (v.mentions.length === 0 && v.parentAuthorId === null))
        return [];
      return [
        {
          id: row.id,
          authorId: row.authorId,
          body: row.body,
          mentions: v.mentions,
          parentAuthorId: v.parentAuthorId,
        },
      ];
    });
    const first = verdicts[0];
    if (messages.length === 0 || !first?.groupId) return;
    await this.hooks.runInTransaction('messages.committed', em, {
      groupId: first.groupId,
      groupName: first.groupName ?? '',
      channelId,
      channelName: first.channelName ?? '',
      messages,
    });
  }

  /** The first messages that retries are answered with (one query for the whole batch, usually none). */
  private async loadExisting(verdicts: BatchVerdict[]): Promise<Map<string, MessageDto>> {
    const ids = verdicts.flatMap((v) => (v.outcome === 'existing' && v.existingId ? [v.existingId] : []));
    if (ids.length === 0) return new Map();
    const em = this.em.fork();
    const views = await toMessageDtos(em, await em.find(Message, { id: { $in: ids } }));
    return new Map(views.map((v) => [v.id, v]));
  }

  private outcomeOf(
    verdict: BatchVerdict,
    draft: Draft,
    row: BatchedMessage,
    existing: Map<string, MessageDto>,
    createdAt: Date,
  ): Outcome<SendResult> {
    switch (verdict.outcome) {
      case 'created':
        return {
          ok: true,
          value: {
            created: true,
            message: {
              id: row.id,
              channelId: draft.channelId,
              seq: verdict.seq!,
              author: { id: draft.author.id, displayName: verdict.displayName ?? '' },
              body: draft.body,
              parentId: draft.parentId,
              mentions: verdict.mentions,
              reactions: [],
              clientMessageId: draft.clientMessageId,
              createdAt,
              editedAt: null,
              deletedAt: null,
            },
          },
        };
      case 'existing':
        return { ok: true, value: { created: false, message: existing.get(verdict.existingId!)! } };
      case 'no_channel':
      case 'not_member':
        return { ok: false, error: new NotFoundError(NOT_FOUND_CHANNEL) };
      case 'not_poster':
        return { ok: false, error: groupRoleRequired(GroupRole.Member, 'post in this channel') };
      case 'read_only':
        return { ok: false, error: readOnlyChannel(draft.channelId) };
      case 'bad_parent':
        return {
          ok: false,
          error: new ValidationError(
            [{ path: 'parentId', message: 'parentId must be a message of the same channel' }],
            'A reply must answer a message of the same channel.',
          ),
        };
    }
  }

  private async mentionsIn(em: EntityManager, groupId: string, body: string): Promise<string[]> {
    if (!body.includes('@')) return [];
    return findMentions(body, await mentionCandidates(em, groupId, body));
  }

  /** `@Display Name` tokens, resolved to the group's active members. */
  resolveMentions(em: EntityManager, ca: ChannelAccess, body: string): Promise<string[]> {
    return this.mentionsIn(em, ca.channel.group.id, body);
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
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const ascending = query.afterSeq !== undefined;
    // One statement, access check included (decision 0011): this is the hottest read path.
    const rows = await selectHistoryPage(this.em.fork(), channelId, user.id, isSteward(user), {
      afterSeq: query.afterSeq,
      beforeSeq: query.beforeSeq,
      limit,
      ascending,
    });
    if (!rows) throw new NotFoundError(NOT_FOUND_CHANNEL);
    const hasMore = rows.length > limit;
    // Rows come ascending; the extra one sits past the page in the requested direction.
    const items = hasMore ? (ascending ? rows.slice(0, limit) : rows.slice(1)) : rows;
    return { items, hasMore, nextCursor: null };
  }
}

function toBatched(ord: number, draft: Draft): BatchedMessage {
  return {
    ord,
    id: randomUUID(),
    authorId: draft.author.id,
    authorIsSteward: isSteward(draft.author),
    body: draft.body,
    parentId: draft.parentId,
    clientMessageId: draft.clientMessageId,
  };
}
