import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { GroupRole } from '../groups/groups.enums';
import { requireGroupRole } from '../groups/group-access';
import { MinutesDto, SaveMinutesDto } from './dto/minutes.dto';
import { Meeting } from './entities/meeting.entity';
import { MeetingStatus, MinutesStatus } from './meetings.enums';
import { ActionItem, Minutes } from './entities/minutes.entity';
import { loadMeetingAccess, seesDrafts } from './meeting-access';
import { assertActiveMembers } from './member-checks';

const NOT_FOUND_MINUTES = 'Minutes';

const minutesSnapshot = (m: Minutes, items: ActionItem[]) => ({
  meetingId: m.meeting.id,
  status: m.status,
  body: m.body,
  decisions: m.decisions,
  actionItems: items.map((i) => ({ title: i.title, assigneeId: i.assignee.id, dueDate: i.dueDate })),
});

/** Minutes: anchors draft them (replacing decisions and action items wholesale), then publish once. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Published minutes: whoever sees the meeting. Drafts: anchors and stewards (404 for others). */
  async get(meetingId: string, meta: RequestMeta): Promise<MinutesDto> {
    const access = await loadMeetingAccess(this.em, meetingId, meta.user);
    const minutes = await this.em.findOne(Minutes, { meeting: meetingId });
    if (!minutes || (minutes.status === MinutesStatus.Draft && !seesDrafts(access))) {
      throw new NotFoundError(NOT_FOUND_MINUTES);
    }
    return MinutesDto.from(minutes, await this.actionItems(this.em, minutes));
  }

  async save(meetingId: string, dto: SaveMinutesDto, meta: AuthenticatedMeta): Promise<MinutesDto> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, meetingId, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'write minutes');
      assertMinutesAllowed(access.meeting);
      const input = dto.actionItems ?? [];
      await assertActiveMembers(
        em,
        access.group.id,
        input.map((item, i) => ({ userId: item.assigneeId, path: `actionItems[${i}].assigneeId` })),
      );
      let minutes = await em.findOne(Minutes, { meeting: meetingId });
      if (minutes?.status === MinutesStatus.Published) {
        throw new ConflictError('Published minutes can no longer be edited.', { code: 'minutes.published' });
      }
      const before = minutes ? minutesSnapshot(minutes, await this.actionItems(em, minutes)) : null;
      if (minutes) {
        await em.nativeDelete(ActionItem, { minutes: minutes.id });
        em.assign(minutes, { body: dto.body, decisions: dto.decisions, updatedBy: meta.user.id });
      } else {
        minutes = em.create(Minutes, {
          meeting: access.meeting,
          body: dto.body,
          decisions: dto.decisions,
          updatedBy: meta.user.id,
        });
      }
      const saved = minutes;
      input.forEach((item, index) =>
        em.create(ActionItem, {
          minutes: saved,
          group: access.group.id,
          position: index + 1,
          title: item.title,
          assignee: item.assigneeId,
          dueDate: item.dueDate,
        }),
      );
      await em.flush();
      const items = await this.actionItems(em, saved);
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'minutes.saved',
        entityType: 'Minutes',
        entityId: saved.id,
        before,
        after: minutesSnapshot(saved, items),
      });
      return MinutesDto.from(saved, items);
    });
  }

  async publish(meetingId: string, meta: AuthenticatedMeta): Promise<MinutesDto> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, meetingId, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'publish minutes');
      assertMinutesAllowed(access.meeting);
      const minutes = await em.findOne(Minutes, { meeting: meetingId });
      if (!minutes) throw new NotFoundError(NOT_FOUND_MINUTES);
      if (minutes.status === MinutesStatus.Published) {
        throw new ConflictError('These minutes are already published.', { code: 'minutes.published' });
      }
      em.assign(minutes, {
        status: MinutesStatus.Published,
        publishedAt: new Date(),
        publishedBy: meta.user.id,
      });
      await em.flush();
      const items = await this.actionItems(em, minutes);
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'minutes.published',
        entityType: 'Minutes',
        entityId: minutes.id,
        before: { status: MinutesStatus.Draft },
        after: { status: MinutesStatus.Published, publishedAt: minutes.publishedAt?.toISOString() ?? null },
        hook: {
          name: 'minutes.published',
          payload: {
            minutesId: minutes.id,
            meetingId,
            groupId: access.group.id,
            actionItemIds: items.map((i) => i.id),
            actorId: meta.user.id,
          },
        },
      });
      return MinutesDto.from(minutes, items);
    });
  }

  private actionItems(em: EntityManager, minutes: Minutes): Promise<ActionItem[]> {
    return em.find(
      ActionItem,
      { minutes: minutes.id },
      { orderBy: { position: 'asc' }, populate: ['assignee', 'minutes'] },
    );
  }
}

/** Minutes record a meeting that is announced or held; not a draft, not a cancelled one. */
function assertMinutesAllowed(meeting: Meeting): void {
  if (meeting.status === MeetingStatus.Draft || meeting.status === MeetingStatus.Cancelled) {
    throw new ConflictError(`A ${meeting.status} meeting has no minutes.`, {
      code: 'minutes.not_allowed',
      params: { status: meeting.status },
    });
  }
}
