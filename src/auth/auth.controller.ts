import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { UserDto } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, RegisterDto, TokensDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottleService,
  ) {}

  @Public({ caller: 'unused' })
  @Post('register')
  @ApiCreatedResponse({ type: UserDto })
  @ApiOperation({
    operationId: 'register',
    summary: 'Register an account',
    description: 'Anyone may register; registrations are limited per client IP (429).',
  })
  @ProblemResponses({ 'auth.email_taken': 409, 'rate.limited': 429 })
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

  @Public({ caller: 'unused' })
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokensDto })
  @ApiOperation({
    operationId: 'login',
    summary: 'Log in with email and password',
    description:
      'Returns an access token and a refresh token. Attempts are limited per account and per IP (429).',
  })
  @ProblemResponses({ 'auth.invalid_credentials': 401, 'auth.account_disabled': 401, 'rate.limited': 429 })
  login(@Body() dto: LoginDto, @Req() request: Request, @Meta() meta: RequestMeta): Promise<TokensDto> {
    return this.auth.login(dto, request.ip ?? 'unknown', meta);
  }

  @Public({ caller: 'unused' })
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokensDto })
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Exchange a refresh token for new tokens',
    description: 'Each refresh token works once; presenting a used one revokes its session.',
  })
  @ProblemResponses({ 'auth.refresh_reused': 401, 'auth.refresh_invalid': 401 })
  refresh(@Body() dto: RefreshDto, @Meta() meta: RequestMeta): Promise<TokensDto> {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ operationId: 'logout', summary: 'Log out: end the session of a refresh token' })
  logout(@Body() dto: RefreshDto, @AuthMeta() meta: AuthenticatedMeta): Promise<void> {
    return this.auth.logout(dto.refreshToken, meta);
  }
}
