import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  join(
    @Param('id', uuidOr404('Meeting')) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<JoinAnswerDto> {
    return this.attendance.join(id, meta);
  }

  @Public()
  @Get('meetings/:id/minutes')
  @ApiOkResponse({ type: MinutesDto })
  get(@Param('id', uuidOr404('Meeting')) id: string, @Meta() meta: RequestMeta): Promise<MinutesDto> {
    return this.minutes.get(id, meta);
  }

  @Put('meetings/:id/minutes')
  @ApiOkResponse({ type: MinutesDto })
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
  publish(
    @Param('id', uuidOr404('Meeting')) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MinutesDto> {
    return this.minutes.publish(id, meta);
  }

  @Patch('action-items/:id')
  @ApiOkResponse({ type: ActionItemDto })
  updateActionItem(
    @Param('id', uuidOr404('Action item')) id: string,
    @Body() dto: UpdateActionItemDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ActionItemDto> {
    return this.actionItems.update(id, dto, meta);
  }
}
