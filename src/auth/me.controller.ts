import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { UserDto } from '../users/dto/user.dto';
import { UpdateMeDto } from './dto/auth.dto';
import { MeService } from './me.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOkResponse({ type: UserDto })
  get(@AuthMeta() meta: AuthenticatedMeta): Promise<UserDto> {
    return this.me.get(meta);
  }

  @Patch()
  @ApiOkResponse({ type: UserDto })
  update(@Body() dto: UpdateMeDto, @AuthMeta() meta: AuthenticatedMeta): Promise<UserDto> {
    return this.me.update(dto, meta);
  }
}
