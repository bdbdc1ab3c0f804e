import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { UserSummaryDto } from '../../users/dto/user.dto';
import { RsvpStatus } from '../meetings.enums';

export class RsvpDto {
  @ApiProperty({ enum: RsvpStatus, enumName: 'RsvpStatus' })
  @IsEnum(RsvpStatus)
  status!: RsvpStatus;
}

export class RsvpAnswerDto {
  @ApiProperty({ enum: RsvpStatus, enumName: 'RsvpStatus' }) status!: RsvpStatus;
  @ApiProperty({ description: 'going, but past capacity: waiting for a seat' }) waitlisted!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: '1-based; null unless waitlisted' })
  waitlistPosition!: number | null;
}

export class ListAttendeesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: RsvpStatus, enumName: 'RsvpStatus' })
  @IsOptional()
  @IsEnum(RsvpStatus)
  status?: RsvpStatus;
}

export class AttendeeDto {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummaryDto;
  @ApiProperty({ enum: RsvpStatus, enumName: 'RsvpStatus' }) status!: RsvpStatus;
  @ApiProperty({ description: 'going, but past capacity: waiting for a seat' }) waitlisted!: boolean;
  @ApiProperty({ description: 'when the RSVP was first given' }) createdAt!: Date;
}

export class AttendeePageDto implements Page<AttendeeDto> {
  @ApiProperty({ type: [AttendeeDto] }) items!: AttendeeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
