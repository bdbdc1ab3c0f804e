import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import {
  ChangeMeetingStatusDto,
  CreateMeetingDto,
  ListMeetingsQueryDto,
  MeetingDto,
  MeetingPageDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { AttendeePageDto, ListAttendeesQueryDto, RsvpAnswerDto, RsvpDto } from './dto/rsvp.dto';
import { MeetingsService } from './meetings.service';
import { RsvpService } from './rsvp.service';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly rsvps: RsvpService,
  ) {}

  @Public()
  @Get('working-groups/:slug/meetings')
  @ApiOkResponse({ type: MeetingPageDto })
  @ApiOperation({
    operationId: 'listGroupMeetings',
    summary: "List a group's meetings",
    description: 'Drafts are listed to those who see drafts (anchors, stewards).',
  })
  list(
    @Param('slug') slug: string,
    @Query() query: ListMeetingsQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<MeetingPageDto> {
    return this.meetings.listForGroup(slug, query, meta);
  }

  @Post('working-groups/:slug/meetings')
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiOperation({
    operationId: 'createMeeting',
    summary: 'Schedule a meeting',
    description: 'Anchors of the group only.',
  })
  @ProblemResponses({ 'group.role_required': 403 })
  create(
    @Param('slug') slug: string,
    @Body() dto: CreateMeetingDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MeetingDto> {
    return this.meetings.create(slug, dto, meta);
  }

  @Public()
  @Get('meetings/:id')
  @ApiOkResponse({ type: MeetingDto })
  @ApiOperation({ operationId: 'getMeeting', summary: 'Get a meeting' })
  get(@Param('id', uuidOr404('Meeting')) id: string, @Meta() meta: RequestMeta): Promise<MeetingDto> {
    return this.meetings.get(id, meta);
  }

  @Patch('meetings/:id')
  @ApiOkResponse({ type: MeetingDto })
  @ApiOperation({
    operationId: 'updateMeeting',
    summary: 'Edit a meeting',
    description: 'Anchors of the group; only while the meeting is editable.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'meeting.not_editable': 409 })
  update(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: UpdateMeetingDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MeetingDto> {
    return this.meetings.update(id, dto, meta);
  }

  @Post('meetings/:id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingDto })
  @ApiOperation({
    operationId: 'changeMeetingStatus',
    summary: 'Move a meeting through its lifecycle',
    description: 'Anchors of the group only.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'meeting.invalid_transition': 409 })
  changeStatus(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: ChangeMeetingStatusDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MeetingDto> {
    return this.meetings.changeStatus(id, dto, meta);
  }

  @Get('meetings/:id/attendees')
  @ApiOkResponse({ type: AttendeePageDto })
  @ApiOperation({
    operationId: 'listMeetingAttendees',
    summary: 'List who answered the invitation',
    description: 'Active members of the group, the Steering Committee or admins.',
  })
  @ProblemResponses({ 'group.role_required': 403 })
  attendees(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Query() query: ListAttendeesQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AttendeePageDto> {
    return this.rsvps.listAttendees(id, query, meta);
  }

  @Put('meetings/:id/rsvp')
  @ApiOkResponse({ type: RsvpAnswerDto })
  @ApiOperation({
    operationId: 'answerRsvp',
    summary: 'Answer a meeting invitation (RSVP)',
    description: 'Active members of the group; while RSVPs are open.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'meeting.rsvp_closed': 409 })
  rsvp(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: RsvpDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<RsvpAnswerDto> {
    return this.rsvps.respond(id, dto, meta);
  }
}
