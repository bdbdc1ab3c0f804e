import { Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { CalendarService } from './calendar.service';
import { CalendarFeedQueryDto, CalendarTokenDto } from './dto/calendar.dto';

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
  meeting(@Param('id', uuidOr404('Meeting')) id: string, @Meta() meta: RequestMeta): Promise<string> {
    return this.calendar.meetingIcs(id, meta);
  }

  @Public()
  @Get('working-groups/:slug/calendar.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiOkResponse(icsSchema)
  feed(
    @Param('slug') slug: string,
    @Query() query: CalendarFeedQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<string> {
    return this.calendar.groupFeed(slug, query.token, meta);
  }

  @Post('me/calendar-token')
  @ApiCreatedResponse({ type: CalendarTokenDto })
  issueToken(@AuthMeta() meta: AuthenticatedMeta): Promise<CalendarTokenDto> {
    return this.calendar.issueToken(meta);
  }
}
