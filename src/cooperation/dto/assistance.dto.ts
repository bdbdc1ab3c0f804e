import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { AssistanceKind, AssistanceStatus } from '../cooperation.enums';
import { OrganizationRefDto, PersonRefDto, Trim } from './shared.dto';

export class CreateAssistanceRequestDto {
  @ApiProperty({ enum: AssistanceKind, enumName: 'AssistanceKind' })
  @IsEnum(AssistanceKind)
  kind!: AssistanceKind;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  topic!: string;

  @ApiProperty({ maxLength: 10000 })
  @Trim()
  @IsString()
  @Length(1, 10000)
  description!: string;

  @ApiProperty({
    format: 'uuid',
    description: "the caller's own organisation, or (anchors, stewards) any member organisation of the group",
  })
  @IsUUID()
  requestingOrganizationId!: string;
}

/** One step of the status machine (assistance-status-machine.ts). */
export class StepAssistanceRequestDto {
  @ApiProperty({ enum: AssistanceStatus, enumName: 'AssistanceStatus' })
  @IsEnum(AssistanceStatus)
  status!: AssistanceStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'required with `matched`, refused with any other status: a member organisation, not the requester',
  })
  @IsOptional()
  @IsUUID()
  offeringOrganizationId?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'kept with the step in `history`' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListAssistanceRequestsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: AssistanceStatus, enumName: 'AssistanceStatus' })
  @IsOptional()
  @IsEnum(AssistanceStatus)
  status?: AssistanceStatus;

  @ApiPropertyOptional({ enum: AssistanceKind, enumName: 'AssistanceKind' })
  @IsOptional()
  @IsEnum(AssistanceKind)
  kind?: AssistanceKind;
}

export class AssistanceStepDto {
  @ApiProperty({ enum: AssistanceStatus, enumName: 'AssistanceStatus', nullable: true })
  fromStatus!: AssistanceStatus | null;
  @ApiProperty({ enum: AssistanceStatus, enumName: 'AssistanceStatus' }) toStatus!: AssistanceStatus;
  @ApiProperty({ type: PersonRefDto }) actor!: PersonRefDto;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class AssistanceRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty({ enum: AssistanceKind, enumName: 'AssistanceKind' }) kind!: AssistanceKind;
  @ApiProperty() topic!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: OrganizationRefDto }) requestingOrganization!: OrganizationRefDto;
  @ApiProperty({ type: OrganizationRefDto, nullable: true })
  offeringOrganization!: OrganizationRefDto | null;
  @ApiProperty({ enum: AssistanceStatus, enumName: 'AssistanceStatus' }) status!: AssistanceStatus;
  @ApiProperty({ type: PersonRefDto }) createdBy!: PersonRefDto;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) closedAt!: Date | null;
  @ApiProperty({ type: [AssistanceStepDto], description: 'every step, oldest first; the first opened it' })
  history!: AssistanceStepDto[];
}

export class AssistanceRequestPageDto implements Page<AssistanceRequestDto> {
  @ApiProperty({ type: [AssistanceRequestDto] }) items!: AssistanceRequestDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
