import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { ConflictError } from '../common/errors/domain-error';
import { DomainHooks } from '../common/events/hooks';
import { GroupRole } from '../groups/groups.enums';
import { requireGroupRole } from '../groups/group-access';
import { JoinAnswerDto } from './dto/minutes.dto';
import { MeetingStatus } from './meetings.enums';
import { loadMeetingAccess } from './meeting-access';
import { upsertAttendance } from './meetings.queries';

/** Joining a live session: records who attended and hands out the online URL and the live channel. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
  ) {}

  async join(meetingId: string, meta: AuthenticatedMeta): Promise<JoinAnswerDto> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, meetingId, meta.user);
      requireGroupRole(access, GroupRole.Observer, 'join meetings');
      const { meeting } = access;
      if (meeting.status !== MeetingStatus.Live) {
        throw new ConflictError(`Only a live meeting can be joined; this one is ${meeting.status}.`, {
          code: 'meeting.not_live',
          params: { status: meeting.status },
        });
      }
      const now = new Date();
      // One statement: concurrent joins of the same person cannot create two rows or lose the first join time.
      const row = await upsertAttendance(em, meeting.id, meta.user.id, now);
      // Without a discussion context answering, the meeting id names the session's live room.
      const [channelId] = await this.hooks.ask('meeting.live_channel', em, { meetingId: meeting.id });
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: row?.inserted ? 'meeting.joined' : 'meeting.rejoined',
        entityType: 'Attendance',
        entityId: row?.id ?? meeting.id,
        after: { meetingId: meeting.id, userId: meta.user.id, lastSeenAt: now.toISOString() },
      });
      return {
        onlineUrl: meeting.onlineUrl,
        channelId: channelId ?? meeting.id,
        joinedAt: new Date(row?.first_joined_at ?? now),
        lastSeenAt: now,
      };
    });
  }
}
