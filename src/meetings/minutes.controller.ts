import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { ActionItemsService } from './action-items.service';
import { AttendanceService } from './attendance.service';
import {
  ActionItemDto,
  JoinAnswerDto,
  MinutesDto,
  SaveMinutesDto,
  UpdateActionItemDto,
} from './dto/minutes.dto';
import { MinutesService } from './minutes.service';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly attendance: AttendanceService,
    private readonly actionItems: ActionItemsService,
  ) {}

  @Post('meetings/:id/join')
  @HttpCode(200)
  @ApiOkResponse({ type: JoinAnswerDto })
  @ApiOperation({
    operationId: 'joinMeeting',
    summary: 'Join a live meeting (records attendance)',
    description: 'Active members of the group; the meeting must be live.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'meeting.not_live': 409 })
  join(
    @Param('id', uuidOr404('Meeting')) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<JoinAnswerDto> {
    return this.attendance.join(id, meta);
  }

  @Public()
  @Get('meetings/:id/minutes')
  @ApiOkResponse({ type: MinutesDto })
  @ApiOperation({
    operationId: 'getMinutes',
    summary: "Get a meeting's minutes",
    description: "Published minutes follow the meeting's visibility; drafts only to those who see drafts.",
  })
  get(@Param('id', uuidOr404('Meeting')) id: string, @Meta() meta: RequestMeta): Promise<MinutesDto> {
    return this.minutes.get(id, meta);
  }

  @Put('meetings/:id/minutes')
  @ApiOkResponse({ type: MinutesDto })
  @ApiOperation({
    operationId: 'saveMinutes',
    summary: 'Write the minutes (draft)',
    description: 'Anchors of the group only; not once published.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'minutes.not_allowed': 409, 'minutes.published': 409 })
  save(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: SaveMinutesDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MinutesDto> {
    return this.minutes.save(id, dto, meta);
  }

  @Post('meetings/:id/minutes/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: MinutesDto })
  @ApiOperation({
    operationId: 'publishMinutes',
    summary: 'Publish the minutes',
    description: 'Anchors of the group only; not twice.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'minutes.not_allowed': 409, 'minutes.published': 409 })
  publish(
    @Param('id', uuidOr404('Meeting')) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MinutesDto> {
    return this.minutes.publish(id, meta);
  }

  @Patch('action-items/:id')
  @ApiOkResponse({ type: ActionItemDto })
  @ApiOperation({
    operationId: 'updateActionItem',
    summary: 'Update an action item',
    description: 'The assignee or an anchor of the group.',
  })
  @ProblemResponses({ 'action_item.forbidden': 403 })
  updateActionItem(
    @Param('id', uuidOr404('Action item')) id: string,
    @Body() dto: UpdateActionItemDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ActionItemDto> {
    return this.actionItems.update(id, dto, meta);
  }
}
