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
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  remove(
    @Param('slug') slug: string,
    @Param('userId', uuidOr404('Membership')) userId: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MembershipDto> {
    return this.changes.remove(slug, userId, meta);
  }
}
