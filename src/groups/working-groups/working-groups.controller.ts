import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  list(@Query() query: ListWorkingGroupsQueryDto, @Meta() meta: RequestMeta): Promise<WorkingGroupPageDto> {
    return this.groups.list(query, meta);
  }

  @ApiBearerAuth()
  @Post()
  @ApiCreatedResponse({ type: WorkingGroupDto })
  create(@Body() dto: CreateWorkingGroupDto, @AuthMeta() meta: AuthenticatedMeta): Promise<WorkingGroupDto> {
    return this.groups.create(dto, meta);
  }

  @Public()
  @Get(':slug')
  @ApiOkResponse({ type: WorkingGroupDetailDto })
  get(@Param('slug') slug: string, @Meta() meta: RequestMeta): Promise<WorkingGroupDetailDto> {
    return this.groups.get(slug, meta);
  }

  @ApiBearerAuth()
  @Patch(':slug')
  @ApiOkResponse({ type: WorkingGroupDto })
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
  listActivity(
    @Param('slug') slug: string,
    @Query() query: PaginationQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ActivityPageDto> {
    return this.activity.list(slug, query, meta);
  }
}
