import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AgendaItem } from '../entities/agenda-item.entity';
import { AgendaItemStatus } from '../meetings.enums';
import { OptionalNotNull } from '../../common/validation/validators';
import { OptionalNullable, Trim } from './validation';

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class CreateAgendaItemDto {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000 })
  @OptionalNullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes!: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'an active member of the group',
  })
  @OptionalNullable()
  @IsUUID()
  presenterId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'ids of the group’s documents' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  documentIds?: string[];

  @ApiPropertyOptional({
    enum: [AgendaItemStatus.Proposed, AgendaItemStatus.Accepted],
    description: 'anchors’ items default to accepted; members may only propose',
  })
  @IsOptional()
  @IsEnum(AgendaItemStatus)
  status?: AgendaItemStatus;
}

export class UpdateAgendaItemDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalNullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @OptionalNullable()
  @IsUUID()
  presenterId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  documentIds?: string[];

  @ApiPropertyOptional({ enum: AgendaItemStatus, enumName: 'AgendaItemStatus' })
  @OptionalNotNull()
  @IsEnum(AgendaItemStatus)
  status?: AgendaItemStatus;
}

export class AgendaOrderDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'the FULL ordered list of the meeting’s non-rejected items',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  itemIds!: string[];
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty() position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ type: PersonDto, nullable: true }) presenter!: PersonDto | null;
  @ApiProperty({ type: [String], format: 'uuid' }) documentIds!: string[];
  @ApiProperty({ enum: AgendaItemStatus, enumName: 'AgendaItemStatus' }) status!: AgendaItemStatus;
  @ApiProperty({ type: PersonDto }) proposedBy!: PersonDto;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  /** `presenter` and `proposedBy` must be loaded. */
  static from(item: AgendaItem): AgendaItemDto {
    const presenter = item.presenter?.getEntity();
    const proposer = item.proposedBy.getEntity();
    return {
      id: item.id,
      meetingId: item.meeting.id,
      position: item.position,
      title: item.title,
      description: item.description,
      durationMinutes: item.durationMinutes,
      presenter: presenter ? { id: presenter.id, displayName: presenter.displayName } : null,
      documentIds: item.documentIds,
      status: item.status,
      proposedBy: { id: proposer.id, displayName: proposer.displayName },
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
    };
  }
}

export class AgendaItemPageDto {
  @ApiProperty({
    type: [AgendaItemDto],
    description: 'the whole agenda, in order: one page (a meeting holds at most 100 items)',
  })
  items!: AgendaItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
