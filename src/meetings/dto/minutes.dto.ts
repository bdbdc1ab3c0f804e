import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
  IsOptional,
} from 'class-validator';
import { Page } from '../../common/pagination/pagination';
import { IsCalendarDate } from '../../common/validation/dates';
import { ActionItem, Minutes } from '../entities/minutes.entity';
import { ActionItemStatus, MinutesStatus } from '../meetings.enums';
import { PersonDto } from './agenda.dto';
import { Trim } from './validation';

export class ActionItemInputDto {
  @ApiProperty({ maxLength: 300 })
  @Trim()
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ format: 'uuid', description: 'an active member of the group' })
  @IsUUID()
  assigneeId!: string;

  @ApiProperty({ example: '2026-06-30', description: 'a calendar date (YYYY-MM-DD)' })
  @IsCalendarDate()
  dueDate!: string;
}

export class SaveMinutesDto {
  @ApiProperty({ maxLength: 100000 })
  @IsString()
  @MaxLength(100000)
  body!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  decisions!: string[];

  @ApiPropertyOptional({ type: [ActionItemInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ActionItemInputDto)
  actionItems?: ActionItemInputDto[];
}

export class UpdateActionItemDto {
  @ApiProperty({ enum: ActionItemStatus, enumName: 'ActionItemStatus' })
  @IsEnum(ActionItemStatus)
  status!: ActionItemStatus;
}

export class ActionItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ format: 'uuid' }) groupId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: PersonDto }) assignee!: PersonDto;
  @ApiProperty({ example: '2026-06-30' }) dueDate!: string;
  @ApiProperty({ enum: ActionItemStatus, enumName: 'ActionItemStatus' }) status!: ActionItemStatus;

  /** `assignee` and `minutes` must be loaded. */
  static from(item: ActionItem): ActionItemDto {
    const assignee = item.assignee.getEntity();
    return {
      id: item.id,
      meetingId: item.minutes.getEntity().meeting.id,
      groupId: item.group.id,
      title: item.title,
      assignee: { id: assignee.id, displayName: assignee.displayName },
      dueDate: item.dueDate,
      status: item.status,
    };
  }
}

export class ActionItemPageDto implements Page<ActionItemDto> {
  @ApiProperty({ type: [ActionItemDto] }) items!: ActionItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class MinutesDto {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String] }) decisions!: string[];
  @ApiProperty({ enum: MinutesStatus, enumName: 'MinutesStatus' }) status!: MinutesStatus;
  @ApiProperty({ type: Date, nullable: true }) publishedAt!: Date | null;
  @ApiProperty({ type: [ActionItemDto] }) actionItems!: ActionItemDto[];
  @ApiProperty() updatedAt!: Date;

  static from(minutes: Minutes, actionItems: ActionItem[]): MinutesDto {
    return {
      meetingId: minutes.meeting.id,
      body: minutes.body,
      decisions: minutes.decisions,
      status: minutes.status,
      publishedAt: minutes.publishedAt,
      actionItems: actionItems.map((i) => ActionItemDto.from(i)),
      updatedAt: minutes.updatedAt,
    };
  }
}

export class JoinAnswerDto {
  @ApiProperty({ type: String, nullable: true }) onlineUrl!: string | null;
  @ApiProperty({
    format: 'uuid',
    description: 'the meeting’s live discussion channel; the meeting id when no discussion context is wired',
  })
  channelId!: string;
  @ApiProperty({ description: 'when the caller first joined this session' }) joinedAt!: Date;
  @ApiProperty({ description: 'this join' }) lastSeenAt!: Date;
}
