import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import {
  decodeCursor,
  keysetAfter,
  Page,
  pageSize,
  PaginationQueryDto,
  toPage,
} from '../../common/pagination/pagination';
import { User } from '../../users/entities/user.entity';
import { isSteeringCommittee } from '../steering-access';
import { notRevisable, revisionForbidden } from '../steering.errors';
import {
  CreateProposalCommentDto,
  CreateProposalDto,
  ListProposalsQueryDto,
  ProposalCommentDto,
  ProposalDto,
  ProposalSummaryDto,
  ReviseProposalDto,
} from './dto/proposal.dto';
import { GroupProposal } from './entities/group-proposal.entity';
import { ProposalComment } from './entities/proposal-comment.entity';
import { ProposalRevision } from './entities/proposal-revision.entity';
import { loadProposalAccess } from './proposal-access';
import { assertAnchorProposal, assertMayPropose } from './proposal-rules';
import { isRevisable } from './proposal-status-machine';
import { PROPOSAL_POPULATE, toCommentDto, toProposalDto, toProposalSummary } from './proposal-views';
import { ProposalStatus } from './proposals.enums';

/** Proposals as the proposer sees them: submit, read, revise, talk with the committee (decisions: next file). */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** The committee (and admins) list every proposal; everyone else their own. Newest first. */
  async list(query: ListProposalsQueryDto, meta: AuthenticatedMeta): Promise<Page<ProposalSummaryDto>> {
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      GroupProposal,
      {
        ...(isSteeringCommittee(meta.user) ? {} : { proposer: meta.user.id }),
        ...(query.status ? { status: query.status } : {}),
        ...keysetAfter('createdAt', after, 'desc'),
      },
      { populate: PROPOSAL_POPULATE, orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    return toPage(rows, limit, (p) => ({ key: p.createdAt.toISOString(), id: p.id }), toProposalSummary);
  }

  async get(id: string, meta: AuthenticatedMeta): Promise<ProposalDto> {
    const { proposal } = await loadProposalAccess(this.em, id, meta.user);
    return toProposalDto(this.em, proposal);
  }

  async create(dto: CreateProposalDto, meta: AuthenticatedMeta): Promise<ProposalDto> {
    return this.em.transactional(async (em) => {
      await assertMayPropose(em, meta.user.id);
      const userIds = dto.proposedAnchorUserIds ?? [];
      await assertAnchorProposal(em, dto.proposedAnchorOrganizationIds, userIds);
      const proposal = em.create(GroupProposal, {
        proposer: em.getReference(User, meta.user.id, { wrapped: true }),
        name: dto.name,
        theme: dto.theme,
        scope: dto.scope,
        rationale: dto.rationale,
        proposedAnchorOrganizationIds: dto.proposedAnchorOrganizationIds,
        proposedAnchorUserIds: userIds,
      });
      this.addRevision(em, proposal);
      await em.flush();
      const answer = await toProposalDto(em, proposal);
      await this.audit.recordPlatformChange(em, meta, {
        action: 'proposal.submitted',
        entityType: 'GroupProposal',
        entityId: proposal.id,
        after: toProposalSummary(proposal),
      });
      return answer;
    });
  }

  /**
   * The proposer's revision after changes were requested: fields left out keep their value, the co-lead rule is
   * checked on the result, the new version is kept as the next revision and the proposal is pending again.
   */
  async revise(id: string, dto: ReviseProposalDto, meta: AuthenticatedMeta): Promise<ProposalDto> {
    return this.em.transactional(async (em) => {
      const { proposal, isProposer } = await loadProposalAccess(em, id, meta.user, { lock: true });
      if (!isProposer) throw revisionForbidden();
      if (!isRevisable(proposal.status)) throw notRevisable(proposal.status);
      await em.populate(proposal, PROPOSAL_POPULATE);
      const before = toProposalSummary(proposal);
      const organizationIds = dto.proposedAnchorOrganizationIds ?? proposal.proposedAnchorOrganizationIds;
      const userIds = dto.proposedAnchorUserIds ?? proposal.proposedAnchorUserIds;
      await assertAnchorProposal(em, organizationIds, userIds);
      em.assign(proposal, {
        name: dto.name ?? proposal.name,
        theme: dto.theme ?? proposal.theme,
        scope: dto.scope ?? proposal.scope,
        rationale: dto.rationale ?? proposal.rationale,
        proposedAnchorOrganizationIds: [...organizationIds],
        proposedAnchorUserIds: [...userIds],
        status: ProposalStatus.Submitted,
        revisionNumber: proposal.revisionNumber + 1,
      });
      this.addRevision(em, proposal);
      await em.flush();
      const answer = await toProposalDto(em, proposal);
      await this.audit.recordPlatformChange(em, meta, {
        action: 'proposal.revised',
        entityType: 'GroupProposal',
        entityId: proposal.id,
        before,
        after: toProposalSummary(proposal),
      });
      return answer;
    });
  }

  /** The proposer and the committee talk here; whoever may see the proposal may comment. */
  async comment(
    id: string,
    dto: CreateProposalCommentDto,
    meta: AuthenticatedMeta,
  ): Promise<ProposalCommentDto> {
    return this.em.transactional(async (em) => {
      const { proposal } = await loadProposalAccess(em, id, meta.user);
      const comment = em.create(ProposalComment, {
        proposal,
        author: em.getReference(User, meta.user.id, { wrapped: true }),
        body: dto.body,
      });
      await em.flush();
      await em.populate(comment, ['author.organization']);
      const answer = toCommentDto(comment);
      await this.audit.recordPlatformChange(em, meta, {
        action: 'proposal.commented',
        entityType: 'GroupProposal',
        entityId: proposal.id,
        after: { commentId: comment.id, body: comment.body },
      });
      return answer;
    });
  }

  /** Comments and decisions, oldest first (a dialogue is read in order). */
  async listComments(
    id: string,
    query: PaginationQueryDto,
    meta: AuthenticatedMeta,
  ): Promise<Page<ProposalCommentDto>> {
    const { proposal } = await loadProposalAccess(this.em, id, meta.user);
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      ProposalComment,
      {
        proposal: proposal.id,
        ...keysetAfter('createdAt', after),
      },
      { populate: ['author.organization'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 },
    );
    return toPage(rows, limit, (c) => ({ key: c.createdAt.toISOString(), id: c.id }), toCommentDto);
  }

  private addRevision(em: EntityManager, proposal: GroupProposal): void {
    em.create(ProposalRevision, {
      proposal,
      number: proposal.revisionNumber,
      name: proposal.name,
      theme: proposal.theme,
      scope: proposal.scope,
      rationale: proposal.rationale,
      proposedAnchorOrganizationIds: [...proposal.proposedAnchorOrganizationIds],
      proposedAnchorUserIds: [...proposal.proposedAnchorUserIds],
    });
  }
}
