import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { ProblemResponses } from '../common/openapi/decorators';
import { uuidOr404 } from '../common/pipes';
import { AssistanceService } from './assistance.service';
import { NOT_FOUND_ASSISTANCE_REQUEST } from './cooperation-access';
import {
  AssistanceRequestDto,
  AssistanceRequestPageDto,
  CreateAssistanceRequestDto,
  ListAssistanceRequestsQueryDto,
  StepAssistanceRequestDto,
} from './dto/assistance.dto';

@ApiTags('assistance')
@ApiBearerAuth()
@Controller()
export class AssistanceController {
  constructor(private readonly assistance: AssistanceService) {}

  @Get('working-groups/:slug/assistance-requests')
  @ApiOkResponse({ type: AssistanceRequestPageDto })
  @ApiOperation({
    operationId: 'listAssistanceRequests',
    summary: "List a group's peer-exchange and technical-assistance requests",
    description:
      'Newest first; filter by status and kind. Active members of the group (any role) and stewards.',
  })
  @ProblemResponses({ 'group.role_required': 403 })
  list(
    @Param('slug') slug: string,
    @Query() query: ListAssistanceRequestsQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AssistanceRequestPageDto> {
    return this.assistance.list(slug, query, meta);
  }

  @Post('working-groups/:slug/assistance-requests')
  @ApiCreatedResponse({ type: AssistanceRequestDto })
  @ApiOperation({
    operationId: 'createAssistanceRequest',
    summary: 'Ask for peer exchange or technical assistance',
    description:
      'Members (not observers) for their own organisation; anchors and stewards on behalf of any member organisation of the group.',
  })
  @ProblemResponses({
    'group.role_required': 403,
    'assistance.not_own_organization': 403,
    'assistance.organization_not_member': 422,
  })
  create(
    @Param('slug') slug: string,
    @Body() dto: CreateAssistanceRequestDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AssistanceRequestDto> {
    return this.assistance.create(slug, dto, meta);
  }

  @Get('assistance-requests/:id')
  @ApiOkResponse({ type: AssistanceRequestDto })
  @ApiOperation({
    operationId: 'getAssistanceRequest',
    summary: 'Get an assistance request with its history',
  })
  get(
    @Param('id', uuidOr404(NOT_FOUND_ASSISTANCE_REQUEST)) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AssistanceRequestDto> {
    return this.assistance.get(id, meta);
  }

  @Patch('assistance-requests/:id')
  @ApiOkResponse({ type: AssistanceRequestDto })
  @ApiOperation({
    operationId: 'stepAssistanceRequest',
    summary: 'Move an assistance request one step',
    description:
      'open → matched (anchors, stewards; names the offering organisation), matched → in_progress → closed (anchors, stewards, or members of the requesting or offering organisation), withdrawn (anchors, stewards, or members of the requesting organisation).',
  })
  @ProblemResponses({
    'assistance.step_forbidden': 403,
    'assistance.invalid_transition': 409,
    'assistance.organization_not_member': 422,
  })
  step(
    @Param('id', uuidOr404(NOT_FOUND_ASSISTANCE_REQUEST)) id: string,
    @Body() dto: StepAssistanceRequestDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AssistanceRequestDto> {
    return this.assistance.step(id, dto, meta);
  }
}
