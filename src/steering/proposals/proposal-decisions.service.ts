import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { DomainHooks } from '../../common/events/hooks';
import { GroupVisibility, JoinPolicy } from '../../groups/groups.enums';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { ProposedGroupsService } from '../../groups/working-groups/proposed-groups.service';
import { User } from '../../users/entities/user.entity';
import { alreadyDecided, decisionForbidden, invalidDecision } from '../steering.errors';
import { DecideProposalDto, ProposalDto } from './dto/proposal.dto';
import { GroupProposal } from './entities/group-proposal.entity';
import { ProposalComment } from './entities/proposal-comment.entity';
import { loadProposalAccess } from './proposal-access';
import { allowedDecisions, isFinalProposalStatus, statusAfterDecision } from './proposal-status-machine';
import { PROPOSAL_POPULATE, toProposalDto, toProposalSummary } from './proposal-views';
import { ProposalDecision } from './proposals.enums';
import './proposals.hooks';

/** The Steering Committee's decision on a proposal; an approval creates the group, all in one transaction. */
@Injectable()
export class ProposalDecisionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly groups: ProposedGroupsService,
    private readonly hooks: DomainHooks,
  ) {}

  /**
   * Under the proposal row's lock (docs/architecture.md, "Lock order"), so of two concurrent decisions the
   * second sees the first's status and is refused (409). Approval then creates the group (status `proposed`,
   * public, joined on approval, description = scope) through the groups port, which raises `group.created`
   * (the general channel) and invites the named anchors, all audited in the new group's chain; the decision
   * itself is audited in the platform chain.
   */
  async decide(id: string, dto: DecideProposalDto, meta: AuthenticatedMeta): Promise<ProposalDto> {
    return this.em.transactional(async (em) => {
      const { proposal, isCommittee } = await loadProposalAccess(em, id, meta.user, { lock: true });
      if (!isCommittee) throw decisionForbidden();
      if (isFinalProposalStatus(proposal.status)) throw alreadyDecided(proposal.status);
      const allowed = allowedDecisions(proposal.status);
      if (!allowed.includes(dto.decision)) throw invalidDecision(proposal.status, dto.decision, allowed);
      await em.populate(proposal, PROPOSAL_POPULATE);
      const before = toProposalSummary(proposal);
      if (dto.decision === ProposalDecision.Approved) await this.createGroup(em, meta, proposal);
      em.assign(proposal, {
        status: statusAfterDecision(dto.decision),
        lastDecision: dto.decision,
        lastRationale: dto.rationale,
        decidedBy: em.getReference(User, meta.user.id, { wrapped: true }),
        decidedAt: new Date(),
      });
      em.create(ProposalComment, {
        proposal,
        author: em.getReference(User, meta.user.id, { wrapped: true }),
        body: dto.rationale,
        decision: dto.decision,
      });
      await em.flush();
      const answer = await toProposalDto(em, proposal);
      await this.audit.recordPlatformChange(em, meta, {
        action: 'proposal.decided',
        entityType: 'GroupProposal',
        entityId: proposal.id,
        before,
        after: toProposalSummary(proposal),
      });
      await this.hooks.runInTransaction('proposal.decided', em, {
        proposalId: proposal.id,
        proposalName: proposal.name,
        proposerId: proposal.proposer.id,
        decision: dto.decision,
        groupId: dto.decision === ProposalDecision.Approved ? (proposal.group?.id ?? null) : null,
        actorId: meta.user.id,
      });
      return answer;
    });
  }

  private async createGroup(
    em: EntityManager,
    meta: AuthenticatedMeta,
    proposal: GroupProposal,
  ): Promise<void> {
    const { group, invitedAnchorIds } = await this.groups.createWithAnchorInvitations(
      em,
      meta,
      {
        name: proposal.name,
        theme: proposal.theme,
        description: proposal.scope,
        visibility: GroupVisibility.Public,
        joinPolicy: JoinPolicy.Approval,
      },
      { userIds: proposal.proposedAnchorUserIds, organizationIds: proposal.proposedAnchorOrganizationIds },
    );
    const invited = invitedAnchorIds.length
      ? await em.find(User, { id: { $in: invitedAnchorIds } }, { fields: ['organization'] })
      : [];
    const covered = new Set(invited.map((u) => u.organization?.id));
    em.assign(proposal, {
      group: em.getReference(WorkingGroup, group.id, { wrapped: true }),
      invitedAnchorIds,
      pendingAnchorOrganizationIds: proposal.proposedAnchorOrganizationIds.filter((o) => !covered.has(o)),
    });
  }
}
