import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { Page, PaginationQueryDto } from '../../../common/pagination/pagination';
import { OptionalNotNull } from '../../../common/validation/validators';
import { OrganizationSummaryDto } from '../../../organizations/dto/organization.dto';
import { anchorTypeOf } from '../anchor-type';
import { AnchorType, GroupRole, MembershipStatus } from '../../groups.enums';
import { Membership } from '../entities/membership.entity';

/** Empty body: the caller joins. `{ userId, role? }`: an anchor invites, a steward adds directly. */
export class AddMemberDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'omit to join yourself' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ enum: GroupRole, enumName: 'GroupRole', default: GroupRole.Member })
  @IsOptional()
  @IsEnum(GroupRole)
  role?: GroupRole;
}

export const PATCHABLE_STATUSES = [MembershipStatus.Active, MembershipStatus.Rejected] as const;
export type PatchableStatus = (typeof PATCHABLE_STATUSES)[number];

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: GroupRole, enumName: 'GroupRole' })
  @OptionalNotNull()
  @IsEnum(GroupRole)
  role?: GroupRole;

  @ApiPropertyOptional({
    enum: PATCHABLE_STATUSES,
    description:
      '`active` approves a request (anchor) or accepts an invitation (the invitee); `rejected` refuses either',
  })
  @OptionalNotNull()
  @IsIn(PATCHABLE_STATUSES)
  status?: PatchableStatus;
}

export class ListMembersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: GroupRole, enumName: 'GroupRole' })
  @IsOptional()
  @IsEnum(GroupRole)
  role?: GroupRole;

  @ApiPropertyOptional({
    enum: MembershipStatus,
    enumName: 'MembershipStatus',
    default: MembershipStatus.Active,
    description: 'statuses other than active are visible to anchors and stewards only',
  })
  @IsOptional()
  @IsEnum(MembershipStatus)
  status?: MembershipStatus;
}

export class MemberUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: OrganizationSummaryDto, nullable: true }) organization!: OrganizationSummaryDto | null;
  @ApiPropertyOptional({ description: "present only for the group's anchors and admins" }) email?: string;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: MemberUserDto }) user!: MemberUserDto;
  @ApiProperty({ enum: GroupRole, enumName: 'GroupRole' }) role!: GroupRole;
  @ApiProperty({ enum: MembershipStatus, enumName: 'MembershipStatus' }) status!: MembershipStatus;
  @ApiProperty({ enum: AnchorType, enumName: 'AnchorType', nullable: true }) anchorType!: AnchorType | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) approvedAt!: Date | null;

  /** The user and their organisation must be loaded. */
  static from(m: Membership, options: { withEmail?: boolean } = {}): MembershipDto {
    const user = m.user.getEntity();
    const org = user.organization?.getEntity() ?? null;
    return {
      userId: user.id,
      user: {
        id: user.id,
        displayName: user.displayName,
        organization: org ? OrganizationSummaryDto.from(org) : null,
        ...(options.withEmail ? { email: user.email } : {}),
      },
      role: m.role,
      status: m.status,
      anchorType: m.role === GroupRole.Anchor ? anchorTypeOf(org?.kind) : null,
      approvedBy: m.approvedBy?.id ?? null,
      approvedAt: m.approvedAt,
    };
  }
}

export class MembershipPageDto implements Page<MembershipDto> {
  @ApiProperty({ type: [MembershipDto] }) items!: MembershipDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
