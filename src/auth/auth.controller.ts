import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { UserDto } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, RegisterDto, TokensDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottleService,
  ) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: UserDto })
  async register(
    @Body() dto: RegisterDto,
    @Req() request: Request,
    @Meta() meta: RequestMeta,
  ): Promise<UserDto> {
    // Per client IP, so here at the HTTP edge (the demo seed registers through the service, unthrottled); before
    // any work (hashing is deliberately slow) and before the email_taken answer.
    await this.throttle.registrationAttempt(request.ip ?? 'unknown');
    return this.auth.register(dto, meta);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokensDto })
  login(@Body() dto: LoginDto, @Req() request: Request, @Meta() meta: RequestMeta): Promise<TokensDto> {
    return this.auth.login(dto, request.ip ?? 'unknown', meta);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() dto: RefreshDto, @Meta() meta: RequestMeta): Promise<TokensDto> {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  logout(@Body() dto: RefreshDto, @AuthMeta() meta: AuthenticatedMeta): Promise<void> {
    return this.auth.logout(dto.refreshToken, meta);
  }
}
