import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks } from '../common/events/hooks';
import type { ActivityRedaction } from '../groups/groups.hooks';
import { draftOnlyMeetingContentIds } from './meetings.queries';

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
    const hiddenEntityIds = await draftOnlyMeetingContentIds(em, groupId);
    // Saving minutes is always a draft; publishing them is what members may see.
    return { hiddenEntityIds, hiddenActions: ['minutes.saved'] };
  }
}
