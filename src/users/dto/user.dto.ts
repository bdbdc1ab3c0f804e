import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { OrganizationSummaryDto } from '../../organizations/dto/organization.dto';
import { User } from '../entities/user.entity';
import { PlatformRole } from '../../common/auth/platform-role.enums';
import { OptionalNotNull } from '../../common/validation/validators';

/** A user as they or an admin see them. Never carries the password hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: OrganizationSummaryDto, nullable: true }) organization!: OrganizationSummaryDto | null;
  @ApiProperty({ enum: PlatformRole, enumName: 'PlatformRole' }) role!: PlatformRole;
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({ example: 'UTC' }) timeZone!: string;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({
    description: 'The organisation affiliation was verified by an admin or a verified contact of it',
  })
  affiliationVerified!: boolean;
  @ApiProperty({ type: Date, nullable: true }) affiliationVerifiedAt!: Date | null;
  @ApiProperty() createdAt!: Date;

  /** The organisation must be loaded (populate) before calling. */
  static from(user: User): UserDto {
    const org = user.organization?.getEntity();
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      organization: org ? OrganizationSummaryDto.from(org) : null,
      role: user.role,
      locale: user.locale,
      timeZone: user.timeZone,
      disabled: user.disabled,
      affiliationVerified: user.affiliationVerifiedAt !== null,
      affiliationVerifiedAt: user.affiliationVerifiedAt,
      createdAt: user.createdAt,
    };
  }
}

/** What other people may see of a user. */
export class UserSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: OrganizationSummaryDto, nullable: true }) organization!: OrganizationSummaryDto | null;

  static from(user: User): UserSummaryDto {
    const org = user.organization?.getEntity();
    return {
      id: user.id,
      displayName: user.displayName,
      organization: org ? OrganizationSummaryDto.from(org) : null,
    };
  }
}

export class UserPageDto implements Page<UserDto> {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListUsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'case-insensitive substring of email or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: PlatformRole, enumName: 'PlatformRole' })
  @IsOptional()
  @IsEnum(PlatformRole)
  role?: PlatformRole;
}

export class AdminUpdateUserDto {
  @ApiPropertyOptional({ enum: PlatformRole, enumName: 'PlatformRole' })
  @OptionalNotNull()
  @IsEnum(PlatformRole)
  role?: PlatformRole;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({
    description: "Verify (true) or withdraw (false) the user's organisation affiliation",
  })
  @OptionalNotNull()
  @IsBoolean()
  affiliationVerified?: boolean;
}

export class SetAffiliationVerificationDto {
  @ApiProperty({ description: 'true verifies the affiliation, false withdraws the verification' })
  @IsBoolean()
  verified!: boolean;
}

/** A user's affiliation as the verification route answers it (no email: contacts are not admins). */
export class AffiliationDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: OrganizationSummaryDto, nullable: true }) organization!: OrganizationSummaryDto | null;
  @ApiProperty() affiliationVerified!: boolean;
  @ApiProperty({ type: Date, nullable: true }) affiliationVerifiedAt!: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) affiliationVerifiedBy!: string | null;

  /** The organisation must be loaded. */
  static from(user: User): AffiliationDto {
    const org = user.organization?.getEntity();
    return {
      userId: user.id,
      displayName: user.displayName,
      organization: org ? OrganizationSummaryDto.from(org) : null,
      affiliationVerified: user.affiliationVerifiedAt !== null,
      affiliationVerifiedAt: user.affiliationVerifiedAt,
      affiliationVerifiedBy: user.affiliationVerifiedBy?.id ?? null,
    };
  }
}
