import { EntityManager } from '@mikro-orm/postgresql';
import { OrganizationSummaryDto } from '../../organizations/dto/organization.dto';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import {
  ProposalCommentDto,
  ProposalDto,
  ProposalPersonDto,
  ProposalRevisionDto,
  ProposalSummaryDto,
} from './dto/proposal.dto';
import { GroupProposal } from './entities/group-proposal.entity';
import { ProposalComment } from './entities/proposal-comment.entity';
import { ProposalRevision } from './entities/proposal-revision.entity';

/** A user with the organisation loaded. */
export function toPerson(user: User): ProposalPersonDto {
  const org = user.organization?.getEntity() ?? null;
  return {
    id: user.id,
    displayName: user.displayName,
    organization: org ? OrganizationSummaryDto.from(org) : null,
  };
}

export const PROPOSAL_POPULATE = ['proposer.organization', 'decidedBy.organization', 'group'] as const;

/** The proposer, decider and group must be loaded (PROPOSAL_POPULATE). Also the audit snapshot. */
export function toProposalSummary(p: GroupProposal): ProposalSummaryDto {
  const decider = p.decidedBy?.getEntity() ?? null;
  return {
    id: p.id,
    name: p.name,
    theme: p.theme,
    scope: p.scope,
    rationale: p.rationale,
    status: p.status,
    proposer: toPerson(p.proposer.getEntity()),
    proposedAnchorOrganizationIds: [...p.proposedAnchorOrganizationIds],
    proposedAnchorUserIds: [...p.proposedAnchorUserIds],
    revisionNumber: p.revisionNumber,
    decision:
      p.lastDecision && p.decidedAt
        ? {
            decision: p.lastDecision,
            rationale: p.lastRationale ?? '',
            decidedBy: decider ? toPerson(decider) : null,
            decidedAt: p.decidedAt,
          }
        : null,
    groupSlug: p.group?.getEntity().slug ?? null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function toRevisionDto(r: ProposalRevision): ProposalRevisionDto {
  return {
    number: r.number,
    name: r.name,
    theme: r.theme,
    scope: r.scope,
    rationale: r.rationale,
    proposedAnchorOrganizationIds: [...r.proposedAnchorOrganizationIds],
    proposedAnchorUserIds: [...r.proposedAnchorUserIds],
    createdAt: r.createdAt,
  };
}

export function toCommentDto(c: ProposalComment): ProposalCommentDto {
  return {
    id: c.id,
    author: toPerson(c.author.getEntity()),
    body: c.body,
    decision: c.decision,
    createdAt: c.createdAt,
  };
}

/** The whole answer of `GET /proposals/:id` (and of every write on one proposal). */
export async function toProposalDto(em: EntityManager, p: GroupProposal): Promise<ProposalDto> {
  await em.populate(p, PROPOSAL_POPULATE, { refresh: false });
  const orgIds = [...new Set([...p.proposedAnchorOrganizationIds, ...p.pendingAnchorOrganizationIds])];
  const orgs = new Map((await em.find(Organization, { id: { $in: orgIds } })).map((o) => [o.id, o]));
  const userIds = [...new Set([...p.proposedAnchorUserIds, ...p.invitedAnchorIds])];
  const users = new Map(
    (userIds.length ? await em.find(User, { id: { $in: userIds } }, { populate: ['organization'] }) : []).map(
      (u) => [u.id, u],
    ),
  );
  const orgList = (ids: string[]): OrganizationSummaryDto[] =>
    ids.flatMap((id) => (orgs.has(id) ? [OrganizationSummaryDto.from(orgs.get(id)!)] : []));
  const people = (ids: string[]): ProposalPersonDto[] =>
    ids.flatMap((id) => (users.has(id) ? [toPerson(users.get(id)!)] : []));
  const revisions = await em.find(ProposalRevision, { proposal: p.id }, { orderBy: { number: 'asc' } });
  return {
    ...toProposalSummary(p),
    proposedAnchorOrganizations: orgList(p.proposedAnchorOrganizationIds),
    proposedAnchors: people(p.proposedAnchorUserIds),
    invitedAnchors: people(p.invitedAnchorIds),
    pendingAnchorOrganizations: orgList(p.pendingAnchorOrganizationIds),
    revisions: revisions.map(toRevisionDto),
    commentCount: await em.count(ProposalComment, { proposal: p.id }),
  };
}
