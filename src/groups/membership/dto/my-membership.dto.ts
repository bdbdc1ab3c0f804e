import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { Page, PaginationQueryDto } from '../../../common/pagination/pagination';
import { GroupRole, GroupStatus, GroupVisibility, MembershipStatus } from '../../groups.enums';

/** What `GET /me/memberships` lists without `?status=`: current memberships and the pending ones. */
export const CURRENT_MEMBERSHIP_STATUSES = [
  MembershipStatus.Active,
  MembershipStatus.Invited,
  MembershipStatus.Requested,
];

export class ListMyMembershipsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    enum: MembershipStatus,
    enumName: 'MembershipStatus',
    description: 'one membership status; default: active, invited and requested',
  })
  @IsOptional()
  @IsEnum(MembershipStatus)
  status?: MembershipStatus;
}

export class MembershipGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'open-data' }) slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: GroupStatus, enumName: 'GroupStatus' }) status!: GroupStatus;
  @ApiProperty({ enum: GroupVisibility, enumName: 'GroupVisibility' }) visibility!: GroupVisibility;
}

export class MyMembershipDto {
  @ApiProperty({ type: MembershipGroupDto }) group!: MembershipGroupDto;
  @ApiProperty({ enum: GroupRole, enumName: 'GroupRole' }) role!: GroupRole;
  @ApiProperty({ enum: MembershipStatus, enumName: 'MembershipStatus' }) status!: MembershipStatus;
  @ApiProperty({ description: 'when the membership (request, invitation or join) was created' })
  createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) approvedAt!: Date | null;
}

export class MyMembershipPageDto implements Page<MyMembershipDto> {
  @ApiProperty({ type: [MyMembershipDto] }) items!: MyMembershipDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
