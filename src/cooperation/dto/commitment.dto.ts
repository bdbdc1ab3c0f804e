import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { IsCalendarDate } from '../../common/validation/dates';
import { OptionalNotNull, simpleValidator } from '../../common/validation/validators';
import { CommitmentStatus } from '../cooperation.enums';
import { cycleProblem } from '../cycle';
import { OptionalNullable, OrganizationRefDto, PersonRefDto, Trim, UpperCase } from './shared.dto';

/** The same rule as organisations' `country`: an assigned ISO 3166-1 alpha-2 code, any case, stored upper case. */
const COUNTRY_MESSAGE = 'country must be an assigned ISO 3166-1 alpha-2 code such as BR';

const IsActionPlanCycle = simpleValidator(
  'isActionPlanCycle',
  (v) => cycleProblem(v) === null,
  '$property must be an action-plan cycle like 2023-2027: four-digit years from 2011 to 2099, ending after it starts, at most 6 years',
);

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

export class CreateCommitmentDto {
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 (stored upper case)', example: 'BR' })
  @UpperCase()
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country!: string;

  @ApiProperty({ description: 'action-plan cycle, `YYYY-YYYY`, 1 to 6 years', example: '2023-2027' })
  @IsActionPlanCycle()
  cycle!: string;

  @ApiProperty({
    maxLength: 50,
    description: "the commitment's reference in the action plan",
    example: 'BR0123',
  })
  @Trim()
  @IsString()
  @Length(1, 50)
  reference!: string;

  @ApiProperty({ maxLength: 300 })
  @Trim()
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'http(s) only' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl(URL_OPTIONS)
  url?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'any registered organisation' })
  @IsOptional()
  @IsUUID()
  supportingOrganizationId?: string;

  @ApiPropertyOptional({ enum: CommitmentStatus, enumName: 'CommitmentStatus', default: 'not_started' })
  @IsOptional()
  @IsEnum(CommitmentStatus)
  status?: CommitmentStatus;
}

/** `PATCH /commitments/:id` (decision 0013): what changes over an action plan; `url: null` removes the link. */
export class UpdateCommitmentDto {
  @ApiPropertyOptional({ enum: CommitmentStatus, enumName: 'CommitmentStatus' })
  @OptionalNotNull()
  @IsEnum(CommitmentStatus)
  status?: CommitmentStatus;

  @ApiPropertyOptional({ maxLength: 300 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'http(s) only' })
  @OptionalNullable()
  @IsString()
  @MaxLength(500)
  @IsUrl(URL_OPTIONS)
  url?: string | null;
}

/** `POST /commitments/:id/progress-notes` (decision 0013). */
export class CreateProgressNoteDto {
  @ApiProperty({ maxLength: 5000 })
  @Trim()
  @IsString()
  @Length(1, 5000)
  note!: string;

  @ApiPropertyOptional({ format: 'date', description: "the day it is about; default today's UTC date" })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class ListCommitmentsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ example: 'BR' })
  @IsOptional()
  @UpperCase()
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country?: string;

  @ApiPropertyOptional({ example: '2023-2027' })
  @IsOptional()
  @IsActionPlanCycle()
  cycle?: string;

  @ApiPropertyOptional({ enum: CommitmentStatus, enumName: 'CommitmentStatus' })
  @IsOptional()
  @IsEnum(CommitmentStatus)
  status?: CommitmentStatus;
}

export class ProgressNoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ type: PersonRefDto }) author!: PersonRefDto;
  @ApiProperty() createdAt!: Date;
}

export class CommitmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty() country!: string;
  @ApiProperty() cycle!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: OrganizationRefDto, nullable: true })
  supportingOrganization!: OrganizationRefDto | null;
  @ApiProperty({ enum: CommitmentStatus, enumName: 'CommitmentStatus' }) status!: CommitmentStatus;
  @ApiProperty({ type: [ProgressNoteDto], description: 'oldest date first' })
  progressNotes!: ProgressNoteDto[];
  @ApiProperty({ type: PersonRefDto }) createdBy!: PersonRefDto;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CommitmentPageDto implements Page<CommitmentDto> {
  @ApiProperty({ type: [CommitmentDto] }) items!: CommitmentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
