import { EntityManager } from '@mikro-orm/postgresql';
import { MessageDto, ReactionCountDto } from './dto/message.dto';
import { Message } from './entities/message.entity';
import { MessageReaction } from './entities/message-reaction.entity';

interface ReactionRow {
  message_id: string;
  emoji: string;
  user_id: string;
}

/** Reaction counts for many messages in one query, in the order each emoji was first used. */
export async function loadReactions(
  em: EntityManager,
  messageIds: string[],
): Promise<Map<string, ReactionCountDto[]>> {
  const result = new Map<string, ReactionCountDto[]>();
  if (messageIds.length === 0) return result;
  const reactions = await em.find(
    MessageReaction,
    { message: { $in: messageIds } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const rows: ReactionRow[] = reactions.map((r) => ({
    message_id: r.message.id,
    emoji: r.emoji,
    user_id: r.user.id,
  }));
  for (const row of rows) {
    const list = result.get(row.message_id) ?? [];
    let entry = list.find((r) => r.emoji === row.emoji);
    if (!entry) {
      entry = { emoji: row.emoji, count: 0, userIds: [] };
      list.push(entry);
    }
    entry.count += 1;
    entry.userIds.push(row.user_id);
    result.set(row.message_id, list);
  }
  return result;
}

/**
 * Messages must have `author` loaded. History restates these rules in SQL (`selectHistoryPage`, history.queries.ts);
 * test/discussion-history-shape.e2e-spec.ts pins that both agree.
 */
export function toMessageDto(message: Message, reactions: ReactionCountDto[] = []): MessageDto {
  const author = message.author.getEntity();
  return {
    id: message.id,
    channelId: message.channel.id,
    seq: message.seq,
    author: { id: author.id, displayName: author.displayName },
    body: message.deletedAt ? null : message.body,
    parentId: message.parent?.id ?? null,
    mentions: message.deletedAt ? [] : message.mentions,
    reactions: message.deletedAt ? [] : reactions,
    clientMessageId: message.clientMessageId,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    deletedAt: message.deletedAt,
  };
}

export async function toMessageDtos(em: EntityManager, messages: Message[]): Promise<MessageDto[]> {
  await em.populate(messages, ['author']);
  const reactions = await loadReactions(
    em,
    messages.map((m) => m.id),
  );
  return messages.map((m) => toMessageDto(m, reactions.get(m.id)));
}
