import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { IsCalendarDate, IsIsoInstant } from '../../common/validation/dates';
import { Constituency, PositionValue, PriorityAreaStatus } from '../consensus.enums';

const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CreatePriorityAreaDto {
  @ApiProperty({ maxLength: 200, example: 'Beneficial ownership registers' })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ maxLength: 10000 })
  @Trim()
  @IsString()
  @Length(1, 10000)
  description!: string;

  @ApiPropertyOptional({ example: '2026-06-30T17:00:00Z', description: 'ISO 8601 instant in the future' })
  @IsOptional()
  @IsIsoInstant()
  closesAt?: string;
}

export class RecordPositionDto {
  @ApiProperty({ enum: PositionValue, enumName: 'PriorityPosition' })
  @IsEnum(PositionValue)
  position!: PositionValue;

  @ApiPropertyOptional({ maxLength: 2000, description: 'required (not blank) for `object`' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AdoptPriorityAreaDto {
  @ApiPropertyOptional({ maxLength: 10000, description: 'the outcome statement' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10000)
  outcome?: string;

  @ApiPropertyOptional({ example: '2027-01-15', description: 'ISO calendar date of the planned review' })
  @IsOptional()
  @IsCalendarDate()
  reviewOn?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'required (not blank) while an objection is open' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  overrideReason?: string;
}

export class ListPriorityAreasQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: PriorityAreaStatus, enumName: 'PriorityAreaStatus' })
  @IsOptional()
  @IsEnum(PriorityAreaStatus)
  status?: PriorityAreaStatus;
}

export class ConstituencyTallyDto {
  @ApiProperty() agree!: number;
  @ApiProperty() abstain!: number;
  @ApiProperty() object!: number;
  @ApiProperty({ description: 'active members of this constituency now, with a verified affiliation' })
  members!: number;
  @ApiProperty({ description: 'of those members, how many have a position' }) responded!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'responded / members (null without members)' })
  responseRate!: number | null;
}

export class TallyDto {
  @ApiProperty({ type: ConstituencyTallyDto }) government!: ConstituencyTallyDto;
  @ApiProperty({ type: ConstituencyTallyDto }) civil_society!: ConstituencyTallyDto;
  @ApiProperty({ type: ConstituencyTallyDto }) other!: ConstituencyTallyDto;
}

export class UnverifiedTallyDto {
  @ApiProperty() agree!: number;
  @ApiProperty() abstain!: number;
  @ApiProperty() object!: number;
  @ApiProperty() responded!: number;
}

export class NotRespondedDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Constituency, enumName: 'Constituency' }) constituency!: Constituency;
  @ApiProperty() affiliationVerified!: boolean;
}

export class MyPositionDto {
  @ApiProperty({ enum: PositionValue, enumName: 'PriorityPosition' }) position!: PositionValue;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ enum: Constituency, enumName: 'Constituency' }) constituency!: Constituency;
  @ApiProperty() affiliationVerified!: boolean;
  @ApiProperty() updatedAt!: Date;
}

export class PriorityAreaDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: PriorityAreaStatus, enumName: 'PriorityAreaStatus' }) status!: PriorityAreaStatus;
  @ApiProperty({ type: Date, nullable: true }) closesAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) overrideReason!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2027-01-15' }) reviewOn!: string | null;
  @ApiProperty({ type: TallyDto }) tally!: TallyDto;
  @ApiProperty({ type: UnverifiedTallyDto, description: 'positions whose author was not verified, apart' })
  unverified!: UnverifiedTallyDto;
  @ApiProperty({
    type: [NotRespondedDto],
    description: 'active members without a position; named to members and stewards only (else empty)',
  })
  notResponded!: NotRespondedDto[];
  @ApiProperty() notRespondedCount!: number;
  @ApiProperty({ type: MyPositionDto, nullable: true }) myPosition!: MyPositionDto | null;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) adoptedAt!: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) adoptedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) retiredAt!: Date | null;
}

export class PriorityAreaPageDto implements Page<PriorityAreaDto> {
  @ApiProperty({ type: [PriorityAreaDto] }) items!: PriorityAreaDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
