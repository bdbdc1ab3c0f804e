import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { ProblemResponses } from '../common/openapi/decorators';
import {
  ListNotificationsQueryDto,
  MarkNotificationsReadDto,
  NotificationPageDto,
  UnreadNotificationsDto,
} from './dto/notification.dto';
import { InAppNotificationsService } from './inapp-notifications.service';

/** The caller's in-app notifications (docs/notifications.md, "In-app and live"). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: InAppNotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiOperation({
    operationId: 'listMyNotifications',
    summary: 'List my notifications, newest first',
    description:
      'Redacted (generic title, no group, actor or subject id) when I may no longer see their subject.',
  })
  list(
    @Query() query: ListNotificationsQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(query, meta);
  }

  @Get('count')
  @ApiOkResponse({ type: UnreadNotificationsDto })
  @ApiOperation({ operationId: 'countMyUnreadNotifications', summary: 'Count my unread notifications' })
  count(@AuthMeta() meta: AuthenticatedMeta): Promise<UnreadNotificationsDto> {
    return this.notifications.count(meta);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadNotificationsDto, description: 'my unread count afterwards' })
  @ProblemResponses({ 'resource.not_found': 404 })
  @ApiOperation({
    operationId: 'markMyNotificationsRead',
    summary: 'Mark my notifications read (by ids, or up to one of them)',
  })
  markRead(
    @Body() dto: MarkNotificationsReadDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<UnreadNotificationsDto> {
    return this.notifications.markRead(dto, meta);
  }
}
