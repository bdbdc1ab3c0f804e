import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { ProblemResponses } from '../common/openapi/decorators';
import { uuidOr404 } from '../common/pipes';
import { CommitmentsService } from './commitments.service';
import { NOT_FOUND_COMMITMENT } from './cooperation-access';
import {
  CommitmentDto,
  CommitmentPageDto,
  CreateCommitmentDto,
  CreateProgressNoteDto,
  ListCommitmentsQueryDto,
  UpdateCommitmentDto,
} from './dto/commitment.dto';

@ApiTags('commitments')
@ApiBearerAuth()
@Controller()
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Public()
  @Get('working-groups/:slug/commitments')
  @ApiOkResponse({ type: CommitmentPageDto })
  @ApiOperation({
    operationId: 'listGroupCommitments',
    summary: 'List the action-plan commitments a group supports',
    description:
      'Newest first; filter by country, cycle and status. Public for a public group; a members-only group shows them to its active members and stewards.',
  })
  list(
    @Param('slug') slug: string,
    @Query() query: ListCommitmentsQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<CommitmentPageDto> {
    return this.commitments.list(slug, query, meta);
  }

  @Post('working-groups/:slug/commitments')
  @ApiCreatedResponse({ type: CommitmentDto })
  @ApiOperation({
    operationId: 'createCommitment',
    summary: 'Record an action-plan commitment the group supports',
    description: 'Anchors of the group and stewards.',
  })
  @ProblemResponses({
    'group.role_required': 403,
    'commitment.duplicate': 409,
    'commitment.organization_unknown': 422,
  })
  create(
    @Param('slug') slug: string,
    @Body() dto: CreateCommitmentDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<CommitmentDto> {
    return this.commitments.create(slug, dto, meta);
  }

  @Public()
  @Get('commitments/:id')
  @ApiOkResponse({ type: CommitmentDto })
  @ApiOperation({ operationId: 'getCommitment', summary: 'Get a commitment with its progress notes' })
  get(
    @Param('id', uuidOr404(NOT_FOUND_COMMITMENT)) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<CommitmentDto> {
    return this.commitments.get(id, meta);
  }

  @Patch('commitments/:id')
  @ApiOkResponse({ type: CommitmentDto })
  @ApiOperation({
    operationId: 'updateCommitment',
    summary: "Update a commitment's status, title or link",
    description: 'Anchors of the group and stewards.',
  })
  @ProblemResponses({ 'group.role_required': 403 })
  update(
    @Param('id', uuidOr404(NOT_FOUND_COMMITMENT)) id: string,
    @Body() dto: UpdateCommitmentDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<CommitmentDto> {
    return this.commitments.update(id, dto, meta);
  }

  @Post('commitments/:id/progress-notes')
  @ApiCreatedResponse({ type: CommitmentDto })
  @ApiOperation({
    operationId: 'addCommitmentProgressNote',
    summary: 'Add a dated progress note to a commitment',
    description: 'Anchors of the group and stewards. Answers the commitment with all its notes.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'commitment.progress_notes_full': 409 })
  addProgressNote(
    @Param('id', uuidOr404(NOT_FOUND_COMMITMENT)) id: string,
    @Body() dto: CreateProgressNoteDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<CommitmentDto> {
    return this.commitments.addProgressNote(id, dto, meta);
  }
}
