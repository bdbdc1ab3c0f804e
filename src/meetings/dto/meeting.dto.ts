import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { IsIsoInstant } from '../../common/validation/dates';
import { IsIanaTimeZone, OptionalNotNull, PG_INTEGER_MAX } from '../../common/validation/validators';
import { isoInZone } from '../calendar/zoned-time';
import { Meeting } from '../entities/meeting.entity';
import { MeetingFormat, MeetingStatus } from '../meetings.enums';
import { OptionalNullable, Trim } from './validation';
import { RsvpAnswerDto } from './rsvp.dto';

const HTTPS_URL = { protocols: ['https'], require_protocol: true };

export class CreateMeetingDto {
  @ApiProperty({ maxLength: 200, example: 'Quarterly open data exchange' })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000 })
  @OptionalNullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiProperty({ enum: MeetingFormat, enumName: 'MeetingFormat' })
  @IsEnum(MeetingFormat)
  format!: MeetingFormat;

  @ApiProperty({ example: '2026-05-01T14:00:00Z', description: 'ISO 8601 instant (stored in UTC)' })
  @IsIsoInstant()
  startsAt!: string;

  @ApiProperty({ example: '2026-05-01T15:30:00Z', description: 'ISO 8601 instant, after startsAt' })
  @IsIsoInstant()
  endsAt!: string;

  @ApiProperty({ example: 'America/Mexico_City', description: 'IANA time zone people meet in' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'required for in_person and hybrid' })
  @OptionalNullable()
  @Trim()
  @IsString()
  @Length(1, 500)
  location?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'https URL; required for virtual and hybrid; shown to members only',
  })
  @OptionalNullable()
  @IsString()
  @MaxLength(2000)
  @IsUrl(HTTPS_URL, { message: 'onlineUrl must be an https URL' })
  onlineUrl?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: PG_INTEGER_MAX,
    description: 'null = unlimited',
  })
  @OptionalNullable()
  @IsInt()
  @Min(1)
  @Max(PG_INTEGER_MAX)
  capacity?: number | null;

  @ApiPropertyOptional({
    enum: [MeetingStatus.Draft, MeetingStatus.Scheduled],
    default: MeetingStatus.Draft,
    description: 'create directly as scheduled (announced) instead of draft',
  })
  @IsOptional()
  @IsIn([MeetingStatus.Draft, MeetingStatus.Scheduled])
  status?: MeetingStatus.Draft | MeetingStatus.Scheduled;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000 })
  @OptionalNullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ enum: MeetingFormat, enumName: 'MeetingFormat' })
  @OptionalNotNull()
  @IsEnum(MeetingFormat)
  format?: MeetingFormat;

  @ApiPropertyOptional({ example: '2026-05-01T14:00:00Z' })
  @OptionalNotNull()
  @IsIsoInstant()
  startsAt?: string;

  @ApiPropertyOptional({ example: '2026-05-01T15:30:00Z' })
  @OptionalNotNull()
  @IsIsoInstant()
  endsAt?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris' })
  @OptionalNotNull()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalNullable()
  @Trim()
  @IsString()
  @Length(1, 500)
  location?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalNullable()
  @IsString()
  @MaxLength(2000)
  @IsUrl(HTTPS_URL, { message: 'onlineUrl must be an https URL' })
  onlineUrl?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: PG_INTEGER_MAX })
  @OptionalNullable()
  @IsInt()
  @Min(1)
  @Max(PG_INTEGER_MAX)
  capacity?: number | null;
}

export class ChangeMeetingStatusDto {
  @ApiProperty({ enum: MeetingStatus, enumName: 'MeetingStatus' })
  @IsEnum(MeetingStatus)
  status!: MeetingStatus;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ListMeetingsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    enum: ['upcoming', 'past'],
    description: 'upcoming: not yet ended (ascending); past: ended (most recent first)',
  })
  @IsOptional()
  @IsIn(['upcoming', 'past'])
  when?: 'upcoming' | 'past';

  @ApiPropertyOptional({
    example: '2026-05-01T00:00:00Z',
    description: 'only meetings starting at or after this instant',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-06-01T00:00:00Z',
    description: 'only meetings starting before this instant',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}

export class AgendaSummaryDto {
  @ApiProperty({ description: 'sum of accepted items’ durations' }) plannedMinutes!: number;
  @ApiProperty({ description: 'length of the meeting' }) meetingMinutes!: number;
  @ApiProperty({ description: 'how far the accepted agenda overruns the meeting (0 if it fits)' })
  overBy!: number;
}

export class RsvpCountsDto {
  @ApiProperty({ description: 'going with a seat (not waitlisted)' }) going!: number;
  @ApiProperty() maybe!: number;
  @ApiProperty() declined!: number;
  @ApiProperty({ description: 'going, past capacity, waiting for a seat' }) waitlisted!: number;
}

/** A meeting's start and end as wall-clock time in one zone (RFC 3339 with that zone's offset at each instant). */
export class LocalTimesDto {
  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone of this rendering' })
  timeZone!: string;
  @ApiProperty({ example: '2027-03-01T10:00:00+01:00', description: 'startsAt in this zone' })
  startsAt!: string;
  @ApiProperty({ example: '2027-03-01T11:30:00+01:00', description: 'endsAt in this zone' }) endsAt!: string;
}

const localTimes = (meeting: Meeting, timeZone: string): LocalTimesDto => ({
  timeZone,
  startsAt: isoInZone(meeting.startsAt, timeZone),
  endsAt: isoInZone(meeting.endsAt, timeZone),
});

export class MeetingDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'policy_brief' }) kind!: string;
  @ApiProperty({ enum: ['public', 'members'] }) visibility!: string;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) groupId!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: MeetingFormat, enumName: 'MeetingFormat' }) format!: MeetingFormat;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: LocalTimesDto, description: 'startsAt/endsAt in the meeting’s own zone' })
  local!: LocalTimesDto;
  @ApiProperty({
    type: LocalTimesDto,
    nullable: true,
    description: 'startsAt/endsAt in the signed-in caller’s profile time zone; null when anonymous',
  })
  callerLocal!: LocalTimesDto | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null unless the caller is an active member' })
  onlineUrl!: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ enum: MeetingStatus, enumName: 'MeetingStatus' }) status!: MeetingStatus;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiProperty({ description: 'bumped on every change (ICS SEQUENCE)' }) sequence!: number;
  @ApiProperty({ description: 'confirmed seats (going, not waitlisted)' }) goingCount!: number;
  @ApiProperty() waitlistCount!: number;
  @ApiProperty({ type: RsvpCountsDto, description: 'RSVP counts, for everyone who may see the meeting' })
  rsvpCounts!: RsvpCountsDto;
  @ApiProperty({ type: RsvpAnswerDto, nullable: true, description: "the caller's own RSVP; null when none" })
  myRsvp!: RsvpAnswerDto | null;
  @ApiProperty({ type: AgendaSummaryDto }) agenda!: AgendaSummaryDto;
  @ApiProperty({
    type: [MeetingDocumentDto],
    description: 'documents linked to this meeting that the caller may see, by title',
  })
  documents!: MeetingDocumentDto[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(
    meeting: Meeting,
    extras: {
      showOnlineUrl: boolean;
      plannedMinutes: number;
      rsvpCounts: RsvpCountsDto;
      myRsvp: RsvpAnswerDto | null;
      callerTimeZone: string | null;
      documents: MeetingDocumentDto[];
    },
  ): MeetingDto {
    const meetingMinutes = meeting.lengthMinutes();
    return {
      id: meeting.id,
      groupId: meeting.group.id,
      groupSlug: meeting.group.getEntity().slug,
      title: meeting.title,
      description: meeting.description,
      format: meeting.format,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      local: localTimes(meeting, meeting.timeZone),
      callerLocal: extras.callerTimeZone === null ? null : localTimes(meeting, extras.callerTimeZone),
      location: meeting.location,
      onlineUrl: extras.showOnlineUrl ? meeting.onlineUrl : null,
      capacity: meeting.capacity,
      status: meeting.status,
      statusReason: meeting.statusReason,
      sequence: meeting.sequence,
      goingCount: extras.rsvpCounts.going,
      waitlistCount: extras.rsvpCounts.waitlisted,
      rsvpCounts: extras.rsvpCounts,
      myRsvp: extras.myRsvp,
      agenda: {
        plannedMinutes: extras.plannedMinutes,
        meetingMinutes,
        overBy: Math.max(0, extras.plannedMinutes - meetingMinutes),
      },
      documents: extras.documents,
      createdAt: meeting.createdAt,
      updatedAt: meeting.updatedAt,
    };
  }
}

export class MeetingPageDto implements Page<MeetingDto> {
  @ApiProperty({ type: [MeetingDto] }) items!: MeetingDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
