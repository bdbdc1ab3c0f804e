import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { AdminUpdateUserDto, ListUsersQueryDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto, @AuthMeta() meta: AuthenticatedMeta): Promise<UserPageDto> {
    return this.users.list(query, meta);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  update(
    @Param('id', uuidOr404('User')) id: string,
    @Body() dto: AdminUpdateUserDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<UserDto> {
    return this.users.adminUpdate(id, dto, meta);
  }
}
