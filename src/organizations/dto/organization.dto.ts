import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsISO31661Alpha2, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { Organization } from '../entities/organization.entity';
import { GovernmentLevel, OrganizationKind } from '../organizations.enums';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganizationDto {
  @ApiProperty({ maxLength: 200, example: 'Global Initiative for Fiscal Transparency' })
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiProperty({ enum: OrganizationKind, enumName: 'OrganizationKind' })
  @IsEnum(OrganizationKind)
  kind!: OrganizationKind;

  @ApiPropertyOptional({
    description: 'ISO 3166-1 alpha-2; required unless the organisation is multilateral',
    example: 'BR',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as BR' })
  country?: string;

  @ApiPropertyOptional({
    enum: GovernmentLevel,
    enumName: 'GovernmentLevel',
    description: 'required for governments only',
  })
  @IsOptional()
  @IsEnum(GovernmentLevel)
  level?: GovernmentLevel;

  @ApiPropertyOptional({ example: 'https://fiscaltransparency.net' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  website?: string;
}

export class ListOrganizationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: OrganizationKind, enumName: 'OrganizationKind' })
  @IsOptional()
  @IsEnum(OrganizationKind)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ example: 'BR' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ description: 'case-insensitive substring of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OrganizationKind, enumName: 'OrganizationKind' }) kind!: OrganizationKind;
  @ApiProperty({ type: String, nullable: true }) country!: string | null;
  @ApiProperty({ enum: GovernmentLevel, enumName: 'GovernmentLevel', nullable: true })
  level!: GovernmentLevel | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty() createdAt!: Date;

  static from(org: Organization): OrganizationDto {
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      country: org.country,
      level: org.level,
      website: org.website,
      createdAt: org.createdAt,
    };
  }
}

export class OrganizationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OrganizationKind, enumName: 'OrganizationKind' }) kind!: OrganizationKind;
  @ApiProperty({ type: String, nullable: true }) country!: string | null;

  static from(org: Organization): OrganizationSummaryDto {
    return { id: org.id, name: org.name, kind: org.kind, country: org.country };
  }
}

export class OrganizationPageDto implements Page<OrganizationDto> {
  @ApiProperty({ type: [OrganizationDto] }) items!: OrganizationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
