import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../../common/auth/auth-user';
import { AuthMeta } from '../../common/auth/decorators';
import { ProblemResponses } from '../../common/openapi/decorators';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { uuidOr404 } from '../../common/pipes';
import {
  CreateProposalCommentDto,
  CreateProposalDto,
  DecideProposalDto,
  ListProposalsQueryDto,
  ProposalCommentDto,
  ProposalCommentPageDto,
  ProposalDto,
  ProposalPageDto,
  ReviseProposalDto,
} from './dto/proposal.dto';
import { NOT_FOUND_PROPOSAL } from './proposal-access';
import { ProposalDecisionsService } from './proposal-decisions.service';
import { ProposalsService } from './proposals.service';

@ApiTags('steering')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly decisions: ProposalDecisionsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProposalPageDto })
  @ApiOperation({
    operationId: 'listProposals',
    summary: 'List group proposals',
    description:
      'The Steering Committee and admins see every proposal; everyone else their own. Newest first.',
  })
  list(@Query() query: ListProposalsQueryDto, @AuthMeta() meta: AuthenticatedMeta): Promise<ProposalPageDto> {
    return this.proposals.list(query, meta);
  }

  @Post()
  @ApiCreatedResponse({ type: ProposalDto })
  @ApiOperation({
    operationId: 'createProposal',
    summary: 'Propose a new working group',
    description:
      'Anyone who belongs to an organisation. The proposed anchor organisations must include a government and a civil-society organisation.',
  })
  @ProblemResponses({ 'proposal.organization_required': 403, 'proposal.anchor_types_missing': 422 })
  create(@Body() dto: CreateProposalDto, @AuthMeta() meta: AuthenticatedMeta): Promise<ProposalDto> {
    return this.proposals.create(dto, meta);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProposalDto })
  @ApiOperation({
    operationId: 'getProposal',
    summary: 'Get a proposal with its revisions',
    description: 'Its proposer, the Steering Committee and admins; a 404 for everyone else.',
  })
  get(
    @Param('id', uuidOr404(NOT_FOUND_PROPOSAL)) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ProposalDto> {
    return this.proposals.get(id, meta);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProposalDto })
  @ApiOperation({
    operationId: 'reviseProposal',
    summary: 'Revise a proposal after changes were requested',
    description: 'The proposer only; each revision is kept and the proposal is pending (submitted) again.',
  })
  @ProblemResponses({
    'proposal.revision_forbidden': 403,
    'proposal.not_revisable': 409,
    'proposal.anchor_types_missing': 422,
  })
  revise(
    @Param('id', uuidOr404(NOT_FOUND_PROPOSAL)) id: string,
    @Body() dto: ReviseProposalDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ProposalDto> {
    return this.proposals.revise(id, dto, meta);
  }

  @Get(':id/comments')
  @ApiOkResponse({ type: ProposalCommentPageDto })
  @ApiOperation({
    operationId: 'listProposalComments',
    summary: "List a proposal's comments and decisions",
    description: 'Oldest first; whoever may see the proposal.',
  })
  listComments(
    @Param('id', uuidOr404(NOT_FOUND_PROPOSAL)) id: string,
    @Query() query: PaginationQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ProposalCommentPageDto> {
    return this.proposals.listComments(id, query, meta);
  }

  @Post(':id/comments')
  @ApiCreatedResponse({ type: ProposalCommentDto })
  @ApiOperation({
    operationId: 'commentOnProposal',
    summary: 'Comment on a proposal',
    description: 'The proposer, the Steering Committee and admins (a dialogue).',
  })
  comment(
    @Param('id', uuidOr404(NOT_FOUND_PROPOSAL)) id: string,
    @Body() dto: CreateProposalCommentDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ProposalCommentDto> {
    return this.proposals.comment(id, dto, meta);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalDto })
  @ApiOperation({
    operationId: 'decideProposal',
    summary: 'Decide on a proposal',
    description:
      'Steering Committee or admins: `approved` creates the group (status proposed) and invites the named anchors; `changes_requested` lets the proposer revise; approved and rejected are final.',
  })
  @ProblemResponses({
    'proposal.decision_forbidden': 403,
    'proposal.already_decided': 409,
    'proposal.invalid_decision': 409,
    'group.slug_taken': 409,
  })
  decide(
    @Param('id', uuidOr404(NOT_FOUND_PROPOSAL)) id: string,
    @Body() dto: DecideProposalDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ProposalDto> {
    return this.decisions.decide(id, dto, meta);
  }
}
