import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { EmptyBodyAsObjectInterceptor } from '../common/empty-body.interceptor';
import { ProblemResponses } from '../common/openapi/decorators';
import { uuidOr404 } from '../common/pipes';
import {
  AdoptPriorityAreaDto,
  CreatePriorityAreaDto,
  ListPriorityAreasQueryDto,
  PriorityAreaDto,
  PriorityAreaPageDto,
  RecordPositionDto,
} from './dto/priority-area.dto';
import { PriorityAreasService } from './priority-areas.service';

@ApiTags('priority areas')
@ApiBearerAuth()
@Controller()
export class PriorityAreasController {
  constructor(private readonly areas: PriorityAreasService) {}

  @Public()
  @Get('working-groups/:slug/priority-areas')
  @ApiOkResponse({ type: PriorityAreaPageDto })
  @ApiOperation({
    operationId: 'listPriorityAreas',
    summary: "List a group's priority areas with their constituency tallies",
    description:
      'Newest first; `status` filters. A members-only group answers only its members and stewards.',
  })
  list(
    @Param('slug') slug: string,
    @Query() query: ListPriorityAreasQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<PriorityAreaPageDto> {
    return this.areas.list(slug, query, meta);
  }

  @Post('working-groups/:slug/priority-areas')
  @ApiCreatedResponse({ type: PriorityAreaDto })
  @ApiOperation({
    operationId: 'createPriorityArea',
    summary: 'Propose a priority area',
    description: 'Active members and anchors of a running (active or under review) group; not observers.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'priority_area.group_not_running': 409 })
  create(
    @Param('slug') slug: string,
    @Body() dto: CreatePriorityAreaDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<PriorityAreaDto> {
    return this.areas.create(slug, dto, meta);
  }

  @Public()
  @Get('priority-areas/:id')
  @ApiOkResponse({ type: PriorityAreaDto })
  @ApiOperation({
    operationId: 'getPriorityArea',
    summary: 'Get a priority area with its tally per constituency',
    description: 'Who has not responded yet is named to members and stewards only.',
  })
  get(
    @Param('id', uuidOr404('Priority area')) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<PriorityAreaDto> {
    return this.areas.get(id, meta);
  }

  @Put('priority-areas/:id/position')
  @ApiOkResponse({ type: PriorityAreaDto })
  @ApiOperation({
    operationId: 'recordPriorityAreaPosition',
    summary: 'Record or change my position (agree, abstain, object)',
    description:
      'Active members and anchors, until the area is decided or its closesAt passed; an objection needs a reason.',
  })
  @ProblemResponses({
    'group.role_required': 403,
    'priority_area.decided': 409,
    'priority_area.closed': 409,
    'priority_area.group_not_running': 409,
  })
  position(
    @Param('id', uuidOr404('Priority area')) id: string,
    @Body() dto: RecordPositionDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<PriorityAreaDto> {
    return this.areas.recordPosition(id, dto, meta);
  }

  @Post('priority-areas/:id/adopt')
  @HttpCode(200)
  @UseInterceptors(EmptyBodyAsObjectInterceptor)
  @ApiOkResponse({ type: PriorityAreaDto })
  @ApiOperation({
    operationId: 'adoptPriorityArea',
    summary: 'Adopt a priority area',
    description:
      'Anchors. Needs a verified government `agree` and a verified civil-society `agree`; an open objection ' +
      'needs an overrideReason.',
  })
  @ProblemResponses({
    'group.role_required': 403,
    'priority_area.decided': 409,
    'priority_area.constituency_agreement_missing': 409,
    'priority_area.objection_open': 409,
    'priority_area.group_not_running': 409,
  })
  adopt(
    @Param('id', uuidOr404('Priority area')) id: string,
    @Body() dto: AdoptPriorityAreaDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<PriorityAreaDto> {
    return this.areas.adopt(id, dto, meta);
  }

  @Post('priority-areas/:id/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: PriorityAreaDto })
  @ApiOperation({
    operationId: 'retirePriorityArea',
    summary: 'Retire an adopted priority area',
    description: 'Anchors.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'priority_area.not_adopted': 409 })
  retire(
    @Param('id', uuidOr404('Priority area')) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<PriorityAreaDto> {
    return this.areas.retire(id, meta);
  }
}
