import { EntityManager } from '@mikro-orm/postgresql';
import { escapeLike } from '../common/sql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { ConflictError } from '../common/errors/domain-error';
import { DomainHooks } from '../common/events/hooks';
import { seesDrafts } from '../meetings/meeting-access';
import { GroupRole } from '../groups/groups.enums';
import { isActiveMember, loadGroupAccess, requireGroupRole } from '../groups/group-access';
import { ChannelDto, ChannelListDto, CreateChannelDto, ListChannelsQueryDto } from './dto/channel.dto';
import { Channel } from './entities/channel.entity';
import { MeetingStatus } from '../meetings/meetings.enums';
import { ChannelKind } from './discussion.enums';
import {
  ChannelPosition,
  insertGeneralChannel,
  insertMeetingChannel,
  selectChannelPage,
  updateMeetingChannelFlags,
} from './discussion.queries';
import { decodeCursor, pageSize, toPage } from '../common/pagination/pagination';
import { ValidationError } from '../common/errors/domain-error';
import { isIsoInstant } from '../common/validation/dates';

export const GENERAL_CHANNEL_NAME = 'general';
/** A meeting channel accepts posts only while its meeting is announced and not over. */
const OPEN_MEETING_STATUSES: ReadonlySet<MeetingStatus> = new Set([
  MeetingStatus.Scheduled,
  MeetingStatus.Live,
]);
/** Its channel is hidden like the meeting itself: only those who see drafts see it. */
const DRAFT_MEETING_STATUS = MeetingStatus.Draft;
/** A draft that is cancelled was never announced, so its channel stays hidden. */
const CANCELLED_MEETING_STATUS = MeetingStatus.Cancelled;

@Injectable()
export class ChannelsService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly hooks: DomainHooks,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.hooks.answer('meeting.live_channel', (em, { meetingId }) => this.channelIdForMeeting(em, meetingId));
    this.hooks.onTransaction('group.created', (em, { groupId }) => this.ensureGeneralChannel(em, groupId));
    this.hooks.onTransaction('meeting.created', (em, { meetingId, groupId, title, status }) =>
      this.openMeetingChannel(em, { meetingId, groupId, title, status }),
    );
    this.hooks.onTransaction('meeting.status_changed', (em, { meetingId, status }) =>
      this.followMeetingStatus(em, meetingId, status),
    );
    this.hooks.onTransaction('meeting.updated', async (em, { meetingId, title }) => {
      await em.nativeUpdate(
        Channel,
        { meetingId },
        { name: meetingChannelName(title), updatedAt: new Date() },
      );
    });
  }

  /**
   * Open while scheduled or live, read-only otherwise. Once announced (scheduled, and so live or concluded) the
   * channel is visible to all members for good; a draft cancelled before it was announced stays hidden.
   */
  private async followMeetingStatus(
    em: EntityManager,
    meetingId: string,
    status: MeetingStatus,
  ): Promise<void> {
    await updateMeetingChannelFlags(em, meetingId, {
      readOnly: !OPEN_MEETING_STATUSES.has(status),
      mayStayRestricted: status === CANCELLED_MEETING_STATUS,
    });
  }

  /**
   * Idempotent (a partial unique index allows one general channel per group): called by the `group.created`
   * hook, and lazily when a member lists channels of a group created without it (older rows, test factories).
   */
  async ensureGeneralChannel(em: EntityManager, groupId: string): Promise<void> {
    await insertGeneralChannel(em, groupId, GENERAL_CHANNEL_NAME);
  }

  private async openMeetingChannel(
    em: EntityManager,
    meeting: { meetingId: string; groupId: string; title: string; status: MeetingStatus },
  ): Promise<void> {
    await insertMeetingChannel(em, {
      groupId: meeting.groupId,
      meetingId: meeting.meetingId,
      name: meetingChannelName(meeting.title),
      readOnly: !OPEN_MEETING_STATUSES.has(meeting.status),
      restricted: meeting.status === DRAFT_MEETING_STATUS,
    });
  }

  /** The live channel of a meeting (answers `meeting.live_channel`). */
  async channelIdForMeeting(em: EntityManager, meetingId: string): Promise<string | null> {
    const channel = await em.findOne(Channel, { meetingId }, { fields: ['id'] });
    return channel?.id ?? null;
  }

  /**
   * Channels are visible to the group's active members only (discussions are for members); anyone else who may
   * see the group gets an empty list, and an invisible group is a 404. A draft meeting's channel is listed only
   * to members who see drafts (anchors, stewards).
   */
  async list(slug: string, query: ListChannelsQueryDto, meta: AuthenticatedMeta): Promise<ChannelListDto> {
    const em = this.em.fork();
    const after = query.cursor ? decodeChannelCursor(query.cursor) : undefined;
    const access = await loadGroupAccess(em, slug, meta.user);
    if (!isActiveMember(access)) return { items: [], nextCursor: null };
    const hasGeneral = await em.count(Channel, { group: access.group.id, kind: ChannelKind.General });
    if (hasGeneral === 0) await this.ensureGeneralChannel(em, access.group.id);
    const limit = pageSize(query);
    const rows = await selectChannelPage(em, access.group.id, seesDrafts(access), after, limit + 1);
    return toPage(
      rows,
      limit,
      ({ channel, rank }) => ({ key: `${rank}|${channel.createdAt.toISOString()}`, id: channel.id }),
      ({ channel }) => ChannelDto.from(channel, access.group.slug),
    );
  }

  /** Anchors open topic channels; names are unique within a group (case-insensitive). */
  async createTopic(slug: string, dto: CreateChannelDto, meta: AuthenticatedMeta): Promise<ChannelDto> {
    return this.em.fork().transactional(async (em) => {
      const access = await loadGroupAccess(em, slug, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'create channels');
      const clash = await em.count(Channel, {
        group: access.group.id,
        name: { $ilike: escapeLike(dto.name) },
      });
      if (clash > 0) {
        throw new ConflictError(`A channel named "${dto.name}" already exists in this group.`, {
          code: 'channel.duplicate_name',
          params: { name: dto.name },
        });
      }
      const channel = em.create(Channel, { group: access.group, kind: ChannelKind.Topic, name: dto.name });
      await em.flush();
      return this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'channel.created',
        entityType: 'Channel',
        entityId: channel.id,
        after: ChannelDto.from(channel, access.group.slug),
      });
    });
  }
}

const meetingChannelName = (title: string): string => title.slice(0, 120);

/** A channel page cursor's key is `<kind rank>|<created instant>`; anything else is a 422 on `cursor`, never SQL. */
function decodeChannelCursor(cursor: string): ChannelPosition {
  const { key, id } = decodeCursor(cursor, 'string');
  const match = /^([0-2])\|(.+)$/.exec(String(key));
  if (!match || !isIsoInstant(match[2])) {
    throw ValidationError.single('cursor', 'cursor is not a valid page cursor');
  }
  return { rank: Number(match[1]), createdAt: match[2], id };
}
