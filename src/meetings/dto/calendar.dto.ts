import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CalendarFeedQueryDto {
  @ApiPropertyOptional({
    description: 'personal calendar token (from POST /me/calendar-token) for members-only groups',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

export class CalendarTokenDto {
  @ApiProperty({ description: 'shown once; a new one replaces it' }) token!: string;
  @ApiProperty({ example: '/working-groups/{slug}/calendar.ics?token=...' }) feedPathTemplate!: string;
}
