import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { UserDto } from '../users/dto/user.dto';
import { UpdateMeDto } from './dto/auth.dto';
import { MeService } from './me.service';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({ operationId: 'getMe', summary: 'Get my account' })
  get(@AuthMeta() meta: AuthenticatedMeta): Promise<UserDto> {
    return this.me.get(meta);
  }

  @Patch()
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({
    operationId: 'updateMe',
    summary: 'Update my profile, password or organisation',
    description: 'An active anchor cannot change organisation (their anchor type comes from it).',
  })
  @ProblemResponses({ 'membership.anchor_organization_locked': 409 })
  update(@Body() dto: UpdateMeDto, @AuthMeta() meta: AuthenticatedMeta): Promise<UserDto> {
    return this.me.update(dto, meta);
  }
}
