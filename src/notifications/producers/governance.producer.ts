import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks, TransactionalHookMap } from '../../common/events/hooks';
import '../../consensus/consensus.hooks';
import { PriorityArea } from '../../consensus/entities/priority-area.entity';
import { MembershipStatus } from '../../groups/groups.enums';
import { Membership } from '../../groups/membership/entities/membership.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import '../../steering/proposals/proposals.hooks';
import '../../steering/reviews/reviews.hooks';
import { NewNotification, NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';
import { activeAnchors } from '../notifications.queries';
import { addDays } from '../scheduled/local-date';
import { activeMemberIds, activePositionTakerIds } from './recipients';

type Hook<K extends keyof TransactionalHookMap> = TransactionalHookMap[K];

/**
 * Governance events (docs/notifications.md, "Events and who is told"), each written to the outbox inside the
 * transaction of its change through the consensus and steering contexts' hooks: a priority area proposed → the
 * group's active position takers (members and anchors); adopted → the group's active members; a proposal decided
 * → its proposer (and an approval's invited anchors `invited`); a review opened → the group's active anchors. The actor is never told (the outbox leaves them
 * out). Closing-soon notices are a scheduled task (scheduled/priority-area-closing.task.ts).
 */
@Injectable()
export class GovernanceProducer implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.hooks.onTransaction('priority_area.proposed', (em, p) => this.areaProposed(em, p));
    this.hooks.onTransaction('priority_area.adopted', (em, p) => this.areaAdopted(em, p));
    this.hooks.onTransaction('proposal.decided', (em, p) => this.proposalDecided(em, p));
    this.hooks.onTransaction('review.opened', (em, p) => this.reviewOpened(em, p));
  }

  private async areaProposed(em: EntityManager, p: Hook<'priority_area.proposed'>): Promise<void> {
    const found = await areaWithGroup(em, p.areaId);
    if (!found) return;
    const { area, group } = found;
    await this.outbox.add(em, {
      kind: NotificationKind.PriorityAreaOpened,
      recipientIds: await activePositionTakerIds(em, group.id),
      actorId: p.actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.PriorityArea, id: area.id },
      params: {
        groupName: group.name,
        areaTitle: area.title,
        closesAt: area.closesAt ? area.closesAt.toISOString() : null,
      },
    });
  }

  private async areaAdopted(em: EntityManager, p: Hook<'priority_area.adopted'>): Promise<void> {
    const found = await areaWithGroup(em, p.areaId);
    if (!found) return;
    const { area, group } = found;
    await this.outbox.add(em, {
      kind: NotificationKind.PriorityAreaAdopted,
      recipientIds: await activeMemberIds(em, group.id),
      actorId: p.actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.PriorityArea, id: area.id },
      params: { groupName: group.name, areaTitle: area.title },
    });
  }

  /**
   * The proposer; platform-wide (no group) unless approved: then it belongs to the group the approval created, and
   * each anchor the approval invited (written by the groups port, which raises no `membership.changed`) is told
   * `invited`, as for any invitation.
   */
  private async proposalDecided(em: EntityManager, p: Hook<'proposal.decided'>): Promise<void> {
    const inputs: NewNotification[] = [
      {
        kind: NotificationKind.ProposalDecided,
        recipientIds: [p.proposerId],
        actorId: p.actorId,
        groupId: p.groupId,
        subject: { type: NotificationSubjectType.Proposal, id: p.proposalId },
        params: { proposalName: p.proposalName, decision: p.decision },
      },
    ];
    const group = p.groupId ? await em.findOne(WorkingGroup, { id: p.groupId }) : null;
    if (group) {
      const invited = await em.find(
        Membership,
        { group: group.id, status: MembershipStatus.Invited },
        { orderBy: { id: 'asc' } },
      );
      for (const m of invited) {
        inputs.push({
          kind: NotificationKind.Invited,
          recipientIds: [m.user.id],
          actorId: p.actorId,
          groupId: group.id,
          subject: { type: NotificationSubjectType.Membership, id: m.id },
          params: { groupName: group.name, role: m.role },
        });
      }
    }
    await this.outbox.addMany(em, inputs);
  }

  private async reviewOpened(em: EntityManager, p: Hook<'review.opened'>): Promise<void> {
    const group = await em.findOne(WorkingGroup, { id: p.groupId });
    if (!group) return;
    await this.outbox.add(em, {
      kind: NotificationKind.ReviewOpened,
      recipientIds: await activeAnchors(em, group.id),
      actorId: p.actorId,
      groupId: group.id,
      subject: { type: NotificationSubjectType.Review, id: p.reviewId },
      // Read by people ("from 1 July to 30 September"): the period's last day, not the API's exclusive end.
      params: { groupName: group.name, periodStart: p.periodStart, periodEnd: addDays(p.periodEnd, -1) },
    });
  }
}

/** The area with its group, or null (a hook raised for an area that has no row). */
async function areaWithGroup(
  em: EntityManager,
  areaId: string,
): Promise<{ area: PriorityArea; group: WorkingGroup } | null> {
  const area = await em.findOne(PriorityArea, { id: areaId }, { populate: ['group'] });
  return area ? { area, group: area.group.getEntity() } : null;
}
