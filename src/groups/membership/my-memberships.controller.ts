import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../../common/auth/auth-user';
import { AuthMeta } from '../../common/auth/decorators';
import { ListMyMembershipsQueryDto, MyMembershipPageDto } from './dto/my-membership.dto';
import { MyMembershipsService } from './my-memberships.service';

/** The caller's own memberships across groups (`/me/...` routes owned by the groups context). */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MyMembershipsController {
  constructor(private readonly memberships: MyMembershipsService) {}

  @Get('memberships')
  @ApiOkResponse({ type: MyMembershipPageDto })
  @ApiOperation({ operationId: 'listMyMemberships', summary: 'List my memberships across groups' })
  list(
    @Query() query: ListMyMembershipsQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MyMembershipPageDto> {
    return this.memberships.list(query, meta);
  }
}
