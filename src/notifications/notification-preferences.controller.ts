import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { ProblemResponses } from '../common/openapi/decorators';
import {
  NotificationPreferencesDto,
  UnsubscribeDto,
  UpdateNotificationPreferencesDto,
} from './dto/notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

/** Email frequencies per kind, and the one-click unsubscribe links every email carries (docs/notifications.md). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get('me/notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiOperation({
    operationId: 'getNotificationPreferences',
    summary: 'My email frequency for every notification kind',
  })
  get(@AuthMeta() meta: AuthenticatedMeta): Promise<NotificationPreferencesDto> {
    return this.preferences.get(meta);
  }

  @Put('me/notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesDto, description: 'every kind, after the change' })
  @ApiOperation({
    operationId: 'updateNotificationPreferences',
    summary: 'Set my email frequency for some notification kinds',
    description:
      'Kinds not listed keep their setting. The change also applies to notifications of those kinds still waiting for email.',
  })
  update(
    @Body() dto: UpdateNotificationPreferencesDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<NotificationPreferencesDto> {
    return this.preferences.update(dto, meta);
  }

  @Public({ caller: 'unused' })
  @Get('unsubscribe/:token')
  @ApiOkResponse({ type: UnsubscribeDto, description: 'what POST would do; nothing is changed' })
  @ApiOperation({ operationId: 'previewUnsubscribe', summary: 'See what an unsubscribe link does' })
  @ProblemResponses({ 'unsubscribe.expired': 410 })
  preview(@Param('token') token: string): UnsubscribeDto {
    return this.preferences.preview(token);
  }

  @Public({ caller: 'unused' })
  @Post('unsubscribe/:token')
  @HttpCode(200)
  @ApiOkResponse({ type: UnsubscribeDto })
  @ApiOperation({
    operationId: 'unsubscribe',
    summary: 'Unsubscribe (RFC 8058 one-click)',
    description:
      'Sets the link’s kind (or every kind) to `off`. Mail clients POST `List-Unsubscribe=One-Click` as a form; any body is ignored.',
  })
  @ProblemResponses({ 'unsubscribe.expired': 410 })
  unsubscribe(@Param('token') token: string, @Meta() meta: RequestMeta): Promise<UnsubscribeDto> {
    return this.preferences.unsubscribe(token, meta);
  }
}
