import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Page, PaginationQueryDto } from '../../../common/pagination/pagination';
import { OrganizationSummaryDto } from '../../../organizations/dto/organization.dto';
import { UserSummaryDto } from '../../../users/dto/user.dto';
import { OptionalNotNull } from '../../../common/validation/validators';
import {
  GroupRole,
  MembershipStatus,
  AnchorType,
  DocumentUploads,
  GroupStatus,
  GroupVisibility,
  JoinPolicy,
} from '../../groups.enums';
import { WorkingGroup } from '../entities/working-group.entity';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../slug';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
export const THEME_PATTERN = /^[a-z][a-z0-9_]{1,59}$/;
const THEME_MESSAGE = 'theme must be a snake_case key such as open_data (2-60 characters)';

export class CreateWorkingGroupDto {
  @ApiProperty({ maxLength: 200, example: 'Open Data' })
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiProperty({ example: 'open_data', pattern: THEME_PATTERN.source })
  @IsString()
  @Matches(THEME_PATTERN, { message: THEME_MESSAGE })
  theme!: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  description!: string;

  @ApiProperty({ enum: GroupVisibility, enumName: 'GroupVisibility' })
  @IsEnum(GroupVisibility)
  visibility!: GroupVisibility;

  @ApiProperty({ enum: JoinPolicy, enumName: 'JoinPolicy' })
  @IsEnum(JoinPolicy)
  joinPolicy!: JoinPolicy;
}

export class UpdateWorkingGroupDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'open_data', pattern: THEME_PATTERN.source })
  @OptionalNotNull()
  @IsString()
  @Matches(THEME_PATTERN, { message: THEME_MESSAGE })
  theme?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 20000)
  description?: string;

  @ApiPropertyOptional({ enum: GroupVisibility, enumName: 'GroupVisibility' })
  @OptionalNotNull()
  @IsEnum(GroupVisibility)
  visibility?: GroupVisibility;

  @ApiPropertyOptional({ enum: JoinPolicy, enumName: 'JoinPolicy' })
  @OptionalNotNull()
  @IsEnum(JoinPolicy)
  joinPolicy?: JoinPolicy;

  @ApiPropertyOptional({
    enum: DocumentUploads,
    enumName: 'DocumentUploads',
    description: 'who may upload documents: `members` (default) or `anchors` only',
  })
  @OptionalNotNull()
  @IsEnum(DocumentUploads)
  documentUploads?: DocumentUploads;

  @ApiPropertyOptional({
    description: 'editable only while the group is proposed',
    pattern: SLUG_PATTERN.source,
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, {
    message: 'slug must be lower-case letters and digits separated by single hyphens',
  })
  slug?: string;
}

export class ChangeGroupStatusDto {
  @ApiProperty({ enum: GroupStatus, enumName: 'GroupStatus' })
  @IsEnum(GroupStatus)
  status!: GroupStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** `status=invited` is not a group status: it lists the groups the caller is invited to (see docs/working-groups.md). */
export const INVITED_FILTER = 'invited';
const LIST_STATUS_VALUES = [...Object.values(GroupStatus), INVITED_FILTER] as const;

export class ListWorkingGroupsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    enum: LIST_STATUS_VALUES,
    description:
      'a group status, or `invited`: the groups the caller has a pending invitation to (needs a token; implies mine)',
  })
  @IsOptional()
  @IsIn(LIST_STATUS_VALUES)
  status?: GroupStatus | typeof INVITED_FILTER;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only groups where the caller is an active member (needs a token, else 401)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'mine must be true or false' })
  mine?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'open_data' })
  @IsOptional()
  @IsString()
  @Matches(THEME_PATTERN, { message: THEME_MESSAGE })
  theme?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country of an active member organisation' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as BR' })
  country?: string;

  @ApiPropertyOptional({ description: 'case-insensitive substring of the name or description' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['name', 'createdAt'], default: 'name' })
  @IsOptional()
  @IsIn(['name', 'createdAt'])
  sort?: 'name' | 'createdAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class WorkingGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'open-data' }) slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'open_data' }) theme!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: GroupStatus, enumName: 'GroupStatus' }) status!: GroupStatus;
  @ApiProperty({ enum: GroupVisibility, enumName: 'GroupVisibility' }) visibility!: GroupVisibility;
  @ApiProperty({ enum: JoinPolicy, enumName: 'JoinPolicy' }) joinPolicy!: JoinPolicy;
  @ApiProperty({
    enum: DocumentUploads,
    enumName: 'DocumentUploads',
    description: 'who may upload documents',
  })
  documentUploads!: DocumentUploads;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(group: WorkingGroup): WorkingGroupDto {
    return {
      id: group.id,
      slug: group.slug,
      name: group.name,
      theme: group.theme,
      description: group.description,
      status: group.status,
      visibility: group.visibility,
      joinPolicy: group.joinPolicy,
      documentUploads: group.documentUploads,
      createdAt: group.createdAt,
      updatedAt: group.updatedAt,
    };
  }
}

export class CallerMembershipDto {
  @ApiProperty({ enum: GroupRole, enumName: 'GroupRole' }) role!: GroupRole;
  @ApiProperty({ enum: MembershipStatus, enumName: 'MembershipStatus' }) status!: MembershipStatus;
}

export class WorkingGroupListItemDto extends WorkingGroupDto {
  @ApiProperty({
    type: CallerMembershipDto,
    nullable: true,
    description:
      "the caller's own membership in any status (invited, left, ...); null when none or anonymous",
  })
  myMembership!: CallerMembershipDto | null;
}

export class WorkingGroupPageDto implements Page<WorkingGroupListItemDto> {
  @ApiProperty({ type: [WorkingGroupListItemDto] }) items!: WorkingGroupListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class AnchorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummaryDto;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: OrganizationSummaryDto, nullable: true }) organization!: OrganizationSummaryDto | null;
  @ApiProperty({ enum: AnchorType, enumName: 'AnchorType', nullable: true }) anchorType!: AnchorType | null;
}

export class WorkingGroupDetailDto extends WorkingGroupDto {
  @ApiProperty({ type: [AnchorDto], description: 'active anchors' }) anchors!: AnchorDto[];
  @ApiProperty({ type: [OrganizationSummaryDto], description: 'organisations of active members' })
  memberOrganizations!: OrganizationSummaryDto[];
  @ApiProperty({ description: 'number of active memberships' }) activeMemberCount!: number;
  @ApiProperty({ type: CallerMembershipDto, nullable: true, description: "the caller's own membership" })
  myMembership!: CallerMembershipDto | null;
}
