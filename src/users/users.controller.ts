import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { AdminUpdateUserDto, ListUsersQueryDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  @ApiOperation({ operationId: 'listUsers', summary: 'List users', description: 'Admins only.' })
  @ProblemResponses({ 'access.role_required': 403 })
  list(@Query() query: ListUsersQueryDto, @AuthMeta() meta: AuthenticatedMeta): Promise<UserPageDto> {
    return this.users.list(query, meta);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({
    operationId: 'updateUser',
    summary: "Change a user's role, disable them, or verify their affiliation",
    description:
      'Admins only; an admin cannot demote or disable themselves. `affiliationVerified` verifies or withdraws ' +
      "the user's organisation affiliation (withdrawing the last verified anchor of its type is refused).",
  })
  @ProblemResponses({
    'access.role_required': 403,
    'user.self_lockout': 409,
    'user.no_organization': 409,
    'group.anchor_missing': 409,
  })
  update(
    @Param('id', uuidOr404('User')) id: string,
    @Body() dto: AdminUpdateUserDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<UserDto> {
    return this.users.adminUpdate(id, dto, meta);
  }
}
