import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
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
