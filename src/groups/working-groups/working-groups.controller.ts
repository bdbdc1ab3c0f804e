import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../../common/auth/decorators';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { ActivityPageDto } from './dto/activity.dto';
import {
  ChangeGroupStatusDto,
  CreateWorkingGroupDto,
  ListWorkingGroupsQueryDto,
  UpdateWorkingGroupDto,
  WorkingGroupDetailDto,
  WorkingGroupDto,
  WorkingGroupPageDto,
} from './dto/working-group.dto';
import { GroupActivityService } from './group-activity.service';
import { GroupStatusService } from './group-status.service';
import { WorkingGroupsService } from './working-groups.service';
import { ProblemResponses } from '../../common/openapi/decorators';

@ApiTags('working-groups')
@Controller('working-groups')
export class WorkingGroupsController {
  constructor(
    private readonly groups: WorkingGroupsService,
    private readonly status: GroupStatusService,
    private readonly activity: GroupActivityService,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: WorkingGroupPageDto })
  @ApiOperation({
    operationId: 'listWorkingGroups',
    summary: 'List the working groups the caller may see',
    description:
      'Anonymous callers see public groups; `mine=true` and `status=invited` need a token (401 without).',
  })
  list(@Query() query: ListWorkingGroupsQueryDto, @Meta() meta: RequestMeta): Promise<WorkingGroupPageDto> {
    return this.groups.list(query, meta);
  }

  @ApiBearerAuth()
  @Post()
  @ApiCreatedResponse({ type: WorkingGroupDto })
  @ApiOperation({
    operationId: 'createWorkingGroup',
    summary: 'Create a working group',
    description: 'Steering Committee or admins only.',
  })
  @ProblemResponses({ 'access.role_required': 403, 'group.slug_taken': 409 })
  create(@Body() dto: CreateWorkingGroupDto, @AuthMeta() meta: AuthenticatedMeta): Promise<WorkingGroupDto> {
    return this.groups.create(dto, meta);
  }

  @Public()
  @Get(':slug')
  @ApiOkResponse({ type: WorkingGroupDetailDto })
  @ApiOperation({
    operationId: 'getWorkingGroup',
    summary: 'Get a working group by slug',
    description: 'A members-only group the caller may not see is a 404.',
  })
  get(@Param('slug') slug: string, @Meta() meta: RequestMeta): Promise<WorkingGroupDetailDto> {
    return this.groups.get(slug, meta);
  }

  @ApiBearerAuth()
  @Patch(':slug')
  @ApiOkResponse({ type: WorkingGroupDto })
  @ApiOperation({
    operationId: 'updateWorkingGroup',
    summary: 'Edit a working group',
    description: 'Anchors of the group, the Steering Committee or admins.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'group.slug_frozen': 409, 'group.slug_taken': 409 })
  update(
    @Param('slug') slug: string,
    @Body() dto: UpdateWorkingGroupDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<WorkingGroupDto> {
    return this.groups.update(slug, dto, meta);
  }

  @ApiBearerAuth()
  @Post(':slug/status')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkingGroupDto })
  @ApiOperation({
    operationId: 'changeWorkingGroupStatus',
    summary: 'Move a working group through its lifecycle',
    description:
      'Steering Committee or admins (some target statuses need a particular role); an active group needs both anchors.',
  })
  @ProblemResponses({
    'access.role_required': 403,
    'group.invalid_transition': 409,
    'group.anchor_missing': 409,
  })
  changeStatus(
    @Param('slug') slug: string,
    @Body() dto: ChangeGroupStatusDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<WorkingGroupDto> {
    return this.status.change(slug, dto, meta);
  }

  @ApiBearerAuth()
  @Get(':slug/activity')
  @ApiOkResponse({ type: ActivityPageDto })
  @ApiOperation({
    operationId: 'listWorkingGroupActivity',
    summary: "List a group's audit activity",
    description: 'Active members of the group, the Steering Committee or admins.',
  })
  @ProblemResponses({ 'group.role_required': 403 })
  listActivity(
    @Param('slug') slug: string,
    @Query() query: PaginationQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ActivityPageDto> {
    return this.activity.list(slug, query, meta);
  }
}
