import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { PriorityAreaStatus } from '../../consensus/consensus.enums';
import { PriorityAreaPosition } from '../../consensus/entities/priority-area-position.entity';
import { PriorityArea } from '../../consensus/entities/priority-area.entity';
import { GroupStatus } from '../../groups/groups.enums';
import { NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';
import type { ScheduledTask } from '../scheduled-task';
import { activePositionTakerIds } from '../producers/recipients';

/** How long before its `closesAt` an area's position takers who have not responded are told. */
export const CLOSING_SOON_MS = 48 * 3_600_000;

/** Groups whose areas still take positions (the consensus context refuses positions in any other). */
const DELIBERATING: GroupStatus[] = [GroupStatus.Active, GroupStatus.UnderReview];

/**
 * Names the closing time, so an area whose `closesAt` moves is announced again for its new time, never twice for
 * one time.
 */
export const closingSoonKey = (areaId: string, closesAt: Date) =>
  `priority-area-closing:${areaId}:${closesAt.toISOString()}`;

/**
 * `priority_area_closing_soon`: an area still `proposed` whose `closesAt` is at most 48 h away (and not yet
 * passed) → its group's active position takers (members and anchors) who have not recorded a position. Once per
 * area, closing time and person (dedupe key); a person who answers meanwhile is not told; after `closesAt`, no
 * one is. No actor: the clock caused it.
 */
@Injectable()
export class PriorityAreaClosingTask implements ScheduledTask {
  readonly name = 'priority-area-closing';
  readonly everySeconds = 300;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: NotificationOutbox,
  ) {}

  async run(now: Date): Promise<void> {
    const areas = await this.em.fork().find(
      PriorityArea,
      {
        status: PriorityAreaStatus.Proposed,
        closesAt: { $gt: now, $lte: new Date(now.getTime() + CLOSING_SOON_MS) },
        group: { status: { $in: DELIBERATING } },
      },
      { fields: ['id'], orderBy: { closesAt: 'asc', id: 'asc' } },
    );
    for (const { id } of areas) await this.tell(id, now);
  }

  private async tell(areaId: string, now: Date): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      // Read again in the transaction: adopted, moved or closed since the scan means no notice (or a later one).
      const area = await em.findOne(PriorityArea, { id: areaId }, { populate: ['group'] });
      if (!area || area.status !== PriorityAreaStatus.Proposed || !area.closesAt) return;
      const closesAt = area.closesAt;
      if (closesAt <= now || closesAt.getTime() - now.getTime() > CLOSING_SOON_MS) return;
      const group = area.group.getEntity();
      if (!DELIBERATING.includes(group.status)) return;
      const responded = new Set(
        (await em.find(PriorityAreaPosition, { priorityArea: area.id }, { fields: ['user'] })).map(
          (p) => p.user.id,
        ),
      );
      const pending = (await activePositionTakerIds(em, group.id)).filter((id) => !responded.has(id));
      await this.outbox.add(em, {
        kind: NotificationKind.PriorityAreaClosingSoon,
        recipientIds: pending,
        actorId: null,
        groupId: group.id,
        subject: { type: NotificationSubjectType.PriorityArea, id: area.id },
        params: { groupName: group.name, areaTitle: area.title, closesAt: closesAt.toISOString() },
        dedupeKey: closingSoonKey(area.id, closesAt),
      });
    });
  }
}
