import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hasPlatformRole } from '../common/auth/access';
import { AuthUser } from '../common/auth/auth-user';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';
import { PlatformRole } from '../common/auth/platform-role.enums';
import { loadChannelAccess } from './channel-access';
import { UnreadListDto } from './dto/message.dto';
import { ReadPayload } from './dto/socket-payloads.dto';

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
    const [row] = await em.execute<{ last_read_seq: number }[]>(
      `insert into read_marker (id, user_id, channel_id, last_read_seq, updated_at)
       values (?, ?, ?, least(?::int, (select last_seq from channel where id = ?)), now())
       on conflict (user_id, channel_id) do update
         set last_read_seq = greatest(read_marker.last_read_seq, excluded.last_read_seq), updated_at = now()
       returning last_read_seq`,
      [randomUUID(), user.id, channel.id, dto.seq, channel.id],
    );
    return { channelId: channel.id, lastReadSeq: row.last_read_seq };
  }

  /**
   * Per channel of every group where the caller is an active member: unread messages by others, and mentions.
   * A draft meeting's (restricted) channel counts only for those who see drafts: anchors and stewards, as in
   * loadChannelAccess.
   */
  async unread(user: AuthUser): Promise<UnreadListDto> {
    const isSteward = hasPlatformRole(user, PlatformRole.SteeringCommittee, PlatformRole.Admin);
    const rows = await this.em
      .fork()
      .execute<{ channel_id: string; group_slug: string; unread: string; mentions: string }[]>(
        `select c.id as channel_id, g.slug as group_slug,
         count(m.id) as unread,
         count(m.id) filter (where ?::uuid = any(m.mentions)) as mentions
       from channel c
       join working_group g on g.id = c.group_id
       join membership ms on ms.group_id = c.group_id and ms.user_id = ? and ms.status = ?
         and (not c.restricted or ms.role = ? or ?::boolean)
       left join read_marker r on r.channel_id = c.id and r.user_id = ?
       left join message m on m.channel_id = c.id and m.seq > coalesce(r.last_read_seq, 0)
         and m.deleted_at is null and m.author_id <> ?
       group by c.id, g.slug, c.created_at
       order by g.slug, c.created_at, c.id`,
        [user.id, user.id, MembershipStatus.Active, GroupRole.Anchor, isSteward, user.id, user.id],
      );
    return {
      items: rows.map((r) => ({
        channelId: r.channel_id,
        groupSlug: r.group_slug,
        unread: Number(r.unread),
        mentions: Number(r.mentions),
      })),
      nextCursor: null,
    };
  }
}
