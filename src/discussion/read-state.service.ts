import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isSteward } from '../common/auth/access';
import { AuthUser } from '../common/auth/auth-user';
import { loadChannelAccess } from './channel-access';
import { UnreadListDto } from './dto/message.dto';
import { ReadPayload } from './dto/socket-payloads.dto';
import { advanceReadMarker, unreadCounts } from './discussion.queries';

/** Read markers and unread counts. */
@Injectable()
export class ReadStateService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Moves the caller's marker forward only (GREATEST), and never past the channel's last committed seq, so two
   * tabs reporting out of order cannot move it back.
   */
  async markRead(user: AuthUser, dto: ReadPayload): Promise<{ channelId: string; lastReadSeq: number }> {
    const em = this.em.fork();
    const { channel } = await loadChannelAccess(em, dto.channelId, user);
    const lastReadSeq = await advanceReadMarker(em, user.id, channel.id, dto.seq);
    return { channelId: channel.id, lastReadSeq };
  }

  /**
   * Per channel of every group where the caller is an active member: unread messages by others, and mentions.
   * A draft meeting's (restricted) channel counts only for those who see drafts: anchors and stewards, as in
   * loadChannelAccess (its SQL twin `channelReadableSql`).
   */
  async unread(user: AuthUser): Promise<UnreadListDto> {
    const rows = await unreadCounts(this.em.fork(), user.id, isSteward(user));
    return {
      items: rows.map((r) => ({
        channelId: r.channel_id,
        channelName: r.channel_name,
        groupSlug: r.group_slug,
        groupName: r.group_name,
        unread: r.unread,
        mentions: r.mentions,
      })),
      nextCursor: null,
      totalUnread: rows.reduce((sum, r) => sum + r.unread, 0),
      totalMentions: rows.reduce((sum, r) => sum + r.mentions, 0),
    };
  }
}
