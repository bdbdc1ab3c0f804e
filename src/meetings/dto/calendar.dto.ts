import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Page } from '../../common/pagination/pagination';
import { OptionalNullable, Trim } from './validation';

export class CalendarFeedQueryDto {
  @ApiPropertyOptional({
    description: 'personal calendar token (from POST /me/calendar-token) for members-only groups',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

export class IssueCalendarTokenDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    example: 'Work laptop',
    description: 'the device or app it is for',
  })
  @OptionalNullable()
  @Trim()
  @IsString()
  @Length(1, 100)
  label?: string | null;
}

/** A token as listed: never the secret itself (only its hash is stored). */
export class CalendarTokenSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Work laptop' }) label!: string | null;
  @ApiProperty({ example: '2026-05-01T14:00:00.000Z' }) createdAt!: string;
}

export class CalendarTokenDto extends CalendarTokenSummaryDto {
  @ApiProperty({ description: 'shown once; other tokens stay valid until revoked' }) token!: string;
  @ApiProperty({ example: '/working-groups/{slug}/calendar.ics?token=...' }) feedPathTemplate!: string;
}

export class CalendarTokenPageDto implements Page<CalendarTokenSummaryDto> {
  @ApiProperty({ type: [CalendarTokenSummaryDto], description: 'newest first; at most 10, so one page' })
  items!: CalendarTokenSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'always null' }) nextCursor!: string | null;
}

/** The OpenAPI security scheme of the feed's `token` query parameter (registered in app.setup). */
export const CALENDAR_TOKEN_SCHEME = 'calendarToken';
