import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsBcp47Locale, IsIanaTimeZone, OptionalNotNull } from '../../common/validation/validators';

const normaliseEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export class RegisterDto {
  @ApiProperty({ example: 'ana@example.org', maxLength: 254 })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password!: string;

  @ApiProperty({ example: 'Ana Souza', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ana@example.org' })
  @Transform(normaliseEmail)
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}

export class TokensDto {
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header' }) accessToken!: string;
  @ApiProperty({ description: 'Opaque; spend it once at POST /auth/refresh' }) refreshToken!: string;
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 }) expiresIn!: number;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ example: 'es' })
  @OptionalNotNull()
  @IsBcp47Locale()
  locale?: string;

  @ApiPropertyOptional({ example: 'America/Mexico_City' })
  @OptionalNotNull()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @OptionalNotNull()
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password?: string;

  @ApiPropertyOptional({ description: 'required with password' })
  @ValidateIf((o: UpdateMeDto) => o.password !== undefined || o.currentPassword !== undefined)
  @IsString({ message: 'currentPassword is required to change the password' })
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  currentPassword?: string;

  @ApiPropertyOptional({
    // `string | null` reflects as Object: without the type the document said object (decision: docs/openapi.md).
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'extension: join or leave an organisation',
  })
  @IsOptional()
  @ValidateIf((_: UpdateMeDto, v: unknown) => v !== null)
  @IsUUID()
  organizationId?: string | null;
}
