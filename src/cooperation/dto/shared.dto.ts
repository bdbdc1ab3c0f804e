import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';
import { OrganizationKind } from '../../organizations/organizations.enums';

/** An organisation as commitments and assistance requests name it. */
export class OrganizationRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OrganizationKind, enumName: 'OrganizationKind' }) kind!: OrganizationKind;
}

/** A person as commitments and assistance requests name them (who wrote, who acted). */
export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const UpperCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value));

/** Optional and nullable: `null` clears the field; absent leaves it unchanged. */
export const OptionalNullable = (): PropertyDecorator =>
  ValidateIf((_o, value) => value !== undefined && value !== null);
