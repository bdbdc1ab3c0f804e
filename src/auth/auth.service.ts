import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AuditService } from '../audit/audit.service';
import { DomainHooks } from '../common/events/hooks';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { ConflictError, UnauthorizedError, ValidationError } from '../common/errors/domain-error';
import { Organization } from '../organizations/entities/organization.entity';
import { UserDto } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { AuthSessionsService } from './auth-sessions.service';
import { LoginDto, RegisterDto, TokensDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { burnPasswordCheck, hashPassword, isCommonPassword, verifyPassword } from './passwords';
import { TokensService } from './tokens.service';

const INVALID_LOGIN = 'The email or password is not correct.';

export function assertAcceptablePassword(password: string, path = 'password'): void {
  if (isCommonPassword(password)) {
    throw ValidationError.single(path, `${path} is too common; choose a longer or less predictable one`);
  }
}

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly sessions: AuthSessionsService,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottleService,
    private readonly logger: PinoLogger,
    private readonly hooks: DomainHooks,
  ) {
    this.logger.setContext(AuthService.name);
  }

  async register(dto: RegisterDto, meta: RequestMeta): Promise<UserDto> {
    assertAcceptablePassword(dto.password);
    const passwordHash = await hashPassword(dto.password);
    return this.em.transactional(async (em) => {
      if (await em.count(User, { email: dto.email })) {
        throw new ConflictError('An account with this email already exists.', { code: 'auth.email_taken' });
      }
      const organization = dto.organizationId
        ? await em.findOne(Organization, { id: dto.organizationId })
        : null;
      if (dto.organizationId && !organization)
        throw ValidationError.single('organizationId', 'organizationId does not name an organization');
      const user = em.create(User, {
        email: dto.email,
        displayName: dto.displayName,
        passwordHash,
        organization,
      });
      await em.flush();
      return this.audit.recordPlatformChange(
        em,
        { ...meta, user: null },
        {
          action: 'user.registered',
          entityType: 'User',
          entityId: user.id,
          after: UserDto.from(user),
        },
      );
    });
  }

  async login(dto: LoginDto, ip: string, meta: RequestMeta): Promise<TokensDto> {
    await this.throttle.registerAttempt(dto.email, ip);
    const user = await this.em.findOne(User, { email: dto.email }, { populate: ['passwordHash'] });
    const valid = user
      ? await verifyPassword(user.passwordHash, dto.password)
      : await burnPasswordCheck(dto.password);
    if (!user || !valid) {
      this.logger.info({ requestId: meta.requestId, ip }, 'login refused');
      throw new UnauthorizedError(INVALID_LOGIN, { code: 'auth.invalid_credentials' });
    }
    if (user.disabled)
      throw new UnauthorizedError('This account is disabled.', { code: 'auth.account_disabled' });
    return this.em.transactional(async (em) => {
      const { session, refreshToken } = await this.sessions.open(em, em.merge(user));
      await this.audit.recordPlatformChange(
        em,
        { ...meta, user: { id: user.id, role: user.role, sessionId: session.id } },
        {
          action: 'session.opened',
          entityType: 'AuthSession',
          entityId: session.id,
          after: { userId: user.id, ip, expiresAt: session.expiresAt },
        },
      );
      return this.tokensFor(user.id, session.id, refreshToken);
    });
  }

  async refresh(presented: string, meta: RequestMeta): Promise<TokensDto> {
    const result = await this.em.transactional(async (em) => {
      const outcome = await this.sessions.rotate(em, presented);
      if (outcome.kind === 'reused') {
        await this.audit.recordPlatformChange(
          em,
          { ...meta, user: null },
          {
            action: 'session.revoked',
            entityType: 'AuthSession',
            entityId: outcome.session.id,
            after: { reason: 'refresh_token_reused' },
          },
        );
      }
      return outcome;
    });
    // The revocation above must commit, so the refusal is raised only after the transaction.
    if (result.kind === 'reused') {
      this.hooks.emitCommitted('sessions.revoked', {
        userId: result.session.user.id,
        sessionId: result.session.id,
      });
      this.logger.warn(
        { requestId: meta.requestId, sessionId: result.session.id },
        'refresh token reuse: session revoked',
      );
      throw new UnauthorizedError('This refresh token was already used; the session has been revoked.', {
        code: 'auth.refresh_reused',
      });
    }
    if (result.kind === 'invalid')
      throw new UnauthorizedError('The refresh token is not valid.', { code: 'auth.refresh_invalid' });
    return this.tokensFor(result.user.id, result.session.id, result.refreshToken);
  }

  /** Ends the session the refresh token belongs to, if it is the caller's; silent otherwise (nothing to leak). */
  async logout(presented: string, meta: AuthenticatedMeta): Promise<void> {
    const revoked = await this.em.transactional(async (em) => {
      const session = await this.sessions.findByToken(em, presented);
      if (!session || session.user.id !== meta.user.id || session.revokedAt !== null) return null;
      this.sessions.revoke(session, 'logout');
      await em.flush();
      await this.audit.recordPlatformChange(em, meta, {
        action: 'session.revoked',
        entityType: 'AuthSession',
        entityId: session.id,
        after: { reason: 'logout' },
      });
      return session.id;
    });
    if (revoked) this.hooks.emitCommitted('sessions.revoked', { userId: meta.user.id, sessionId: revoked });
  }

  private async tokensFor(userId: string, sessionId: string, refreshToken: string): Promise<TokensDto> {
    const accessToken = await this.tokens.signAccessToken({ sub: userId, sid: sessionId });
    return { accessToken, refreshToken, expiresIn: this.tokens.accessTokenTtlSeconds };
  }
}
