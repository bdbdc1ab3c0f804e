import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { PaginationQueryDto } from '../common/pagination/pagination';
import { ActionItemsService } from './action-items.service';
import { MeetingPageDto } from './dto/meeting.dto';
import { ActionItemPageDto } from './dto/minutes.dto';
import { MeetingsService } from './meetings.service';

/** The caller's own view across groups (`/me/...` routes owned by the meetings context). */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeMeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly actionItems: ActionItemsService,
  ) {}

  @Get('meetings')
  @ApiOkResponse({ type: MeetingPageDto })
  @ApiOperation({ operationId: 'listMyMeetings', summary: 'List my meetings across groups' })
  meetingsList(
    @Query() query: PaginationQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MeetingPageDto> {
    return this.meetings.listMine(query, meta);
  }

  @Get('action-items')
  @ApiOkResponse({ type: ActionItemPageDto })
  @ApiOperation({ operationId: 'listMyActionItems', summary: 'List my action items across groups' })
  actionItemsList(
    @Query() query: PaginationQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ActionItemPageDto> {
    return this.actionItems.listMine(query, meta);
  }
}
