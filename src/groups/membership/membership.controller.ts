import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedMeta, RequestMeta } from '../../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../../common/auth/decorators';
import { uuidOr404 } from '../../common/pipes';
import {
  AddMemberDto,
  ListMembersQueryDto,
  MembershipDto,
  MembershipPageDto,
  UpdateMemberDto,
} from './dto/membership.dto';
import { EmptyBodyAsObjectInterceptor } from '../../common/empty-body.interceptor';
import { MembershipChangesService } from './membership-changes.service';
import { assertAddShape, MembershipService } from './membership.service';
import { ProblemResponses } from '../../common/openapi/decorators';

@ApiTags('membership')
@Controller('working-groups/:slug/members')
export class MembershipController {
  constructor(
    private readonly memberships: MembershipService,
    private readonly changes: MembershipChangesService,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: MembershipPageDto })
  @ApiOperation({
    operationId: 'listMembers',
    summary: "List a group's members",
    description:
      'Active members are listed to whoever may see the group; other statuses to its anchors and stewards only.',
  })
  @ProblemResponses({ 'group.role_required': 403 })
  list(
    @Param('slug') slug: string,
    @Query() query: ListMembersQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<MembershipPageDto> {
    return this.memberships.list(slug, query, meta);
  }

  @ApiBearerAuth()
  @Post()
  @UseInterceptors(EmptyBodyAsObjectInterceptor)
  @ApiCreatedResponse({
    type: MembershipDto,
    description: 'created or changed; 200 when repeated (no change)',
  })
  @ApiOkResponse({
    type: MembershipDto,
    description: 'a repeated join or invitation: the current membership',
  })
  @ApiOperation({
    operationId: 'addMember',
    summary: 'Join a group, or invite someone to it',
    description:
      'Without `userId`: the caller joins (or requests to). With `userId`: anchors invite. 201 when something changed, 200 when repeated.',
  })
  @ProblemResponses({
    'group.role_required': 403,
    'membership.group_closed': 409,
    'membership.anchor_needs_organization': 409,
  })
  async add(
    @Param('slug') slug: string,
    @Body() dto: AddMemberDto,
    @AuthMeta() meta: AuthenticatedMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MembershipDto> {
    assertAddShape(dto);
    const { userId } = dto;
    const result =
      userId === undefined
        ? await this.memberships.join(slug, meta)
        : await this.memberships.add(slug, { ...dto, userId }, meta);
    res.status(result.changed ? 201 : 200);
    return result.membership;
  }

  @ApiBearerAuth()
  @Patch(':userId')
  @ApiOkResponse({ type: MembershipDto })
  @ApiOperation({
    operationId: 'updateMember',
    summary: "Change a membership's role or status",
    description:
      'Anchors manage memberships; people accept their own invitations; nobody approves their own request.',
  })
  @ProblemResponses({
    'group.role_required': 403,
    'membership.self_approval': 403,
    'membership.invitee_only': 403,
    'membership.invalid_transition': 409,
    'membership.anchor_needs_organization': 409,
    'group.anchor_missing': 409,
  })
  update(
    @Param('slug') slug: string,
    @Param('userId', uuidOr404('Membership')) userId: string,
    @Body() dto: UpdateMemberDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MembershipDto> {
    return this.changes.update(slug, userId, dto, meta);
  }

  @ApiBearerAuth()
  @Delete(':userId')
  @ApiOkResponse({ type: MembershipDto, description: 'the membership, now left or removed' })
  @ApiOperation({
    operationId: 'removeMember',
    summary: 'Leave a group, or remove a member',
    description:
      'Members may leave; anchors remove others. The last anchor of a type cannot go while the group must stay anchored.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'group.anchor_missing': 409 })
  remove(
    @Param('slug') slug: string,
    @Param('userId', uuidOr404('Membership')) userId: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MembershipDto> {
    return this.changes.remove(slug, userId, meta);
  }
}
