import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { EmptyBodyAsObjectInterceptor } from '../common/empty-body.interceptor';
import { CalendarService } from './calendar.service';
import {
  CalendarFeedQueryDto,
  CalendarTokenDto,
  CALENDAR_TOKEN_SCHEME,
  CalendarTokenPageDto,
  IssueCalendarTokenDto,
} from './dto/calendar.dto';
import { ProblemResponses } from '../common/openapi/decorators';

const ICS = 'text/calendar; charset=utf-8';
const icsSchema = { schema: { type: 'string', description: 'iCalendar (RFC 5545)' } };

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Get('meetings/:id/ics')
  @Header('Content-Type', ICS)
  @ApiProduces('text/calendar')
  @ApiOkResponse(icsSchema)
  @ApiOperation({ operationId: 'getMeetingIcs', summary: 'Download a meeting as iCalendar' })
  meeting(@Param('id', uuidOr404('Meeting')) id: string, @Meta() meta: RequestMeta): Promise<string> {
    return this.calendar.meetingIcs(id, meta);
  }

  @Public({ alsoBy: [CALENDAR_TOKEN_SCHEME] })
  @Get('working-groups/:slug/calendar.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiOkResponse(icsSchema)
  @ApiOperation({
    operationId: 'getGroupCalendarFeed',
    summary: "Subscribe to a group's meetings (iCalendar feed)",
    description:
      'For calendar apps: identify with a personal calendar token in `token`, or a bearer token; anonymous callers get public groups only.',
  })
  feed(
    @Param('slug') slug: string,
    @Query() query: CalendarFeedQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<string> {
    return this.calendar.groupFeed(slug, query.token, meta);
  }

  @Post('me/calendar-token')
  @UseInterceptors(EmptyBodyAsObjectInterceptor) // no body (as before): a token without a label
  @ApiCreatedResponse({ type: CalendarTokenDto, description: 'one more token; the others stay valid' })
  @ApiOperation({
    operationId: 'issueCalendarToken',
    summary: 'Issue a personal calendar token',
    description:
      'One more token for one more device; the others stay valid. At most a fixed number per user.',
  })
  @ProblemResponses({ 'calendar_token.limit_reached': 409 })
  issueToken(
    @Body() dto: IssueCalendarTokenDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<CalendarTokenDto> {
    return this.calendar.issueToken(dto, meta);
  }

  @Get('me/calendar-tokens')
  @ApiOkResponse({ type: CalendarTokenPageDto })
  @ApiOperation({ operationId: 'listCalendarTokens', summary: 'List my calendar tokens' })
  listTokens(@AuthMeta() meta: AuthenticatedMeta): Promise<CalendarTokenPageDto> {
    return this.calendar.listTokens(meta);
  }

  @Delete('me/calendar-tokens/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked: feeds with that token answer 404 from now on' })
  @ApiOperation({ operationId: 'revokeCalendarToken', summary: 'Revoke a calendar token' })
  revokeToken(
    @Param('id', uuidOr404('CalendarToken')) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<void> {
    return this.calendar.revokeToken(id, meta);
  }
}
