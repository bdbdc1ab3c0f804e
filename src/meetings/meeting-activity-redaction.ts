import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks } from '../common/events/hooks';
import type { ActivityRedaction } from '../groups/groups.hooks';

/**
 * Draft meetings (and their agenda) and unpublished minutes are for anchors and stewards only (see
 * meeting-access.ts); their audit events must not reach other members through the group's activity feed.
 */
@Injectable()
export class MeetingActivityRedaction implements OnModuleInit {
  constructor(private readonly hooks: DomainHooks) {}

  onModuleInit(): void {
    this.hooks.answer('group.activity_redactions', (em, { groupId }) => this.redact(em, groupId));
  }

  async redact(em: EntityManager, groupId: string): Promise<ActivityRedaction> {
    const rows = await em.execute<{ id: string }[]>(
      `select m.id from meeting m where m.group_id = ? and m.status = 'draft'
       union all
       select a.id from agenda_item a join meeting m on m.id = a.meeting_id where m.group_id = ? and m.status = 'draft'`,
      [groupId, groupId],
    );
    // Saving minutes is always a draft; publishing them is what members may see.
    return { hiddenEntityIds: rows.map((r) => r.id), hiddenActions: ['minutes.saved'] };
  }
}
