import { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { PlatformRole } from '../common/auth/platform-role.enums';
import { DomainHooks } from '../common/events/hooks';
import { queryPrepared } from '../common/prepared-statement';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { RESOLVE_CALLER } from './auth.queries';
import { AuthSession } from './entities/auth-session.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { hashRefreshToken, newRefreshToken } from './tokens.service';

export type RotationResult =
  | { kind: 'rotated'; session: AuthSession; user: User; refreshToken: string }
  | { kind: 'reused'; session: AuthSession }
  | { kind: 'invalid' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sessions and their rotating refresh tokens. Every method expects to run inside the caller's transaction. */
@Injectable()
export class AuthSessionsService implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly hooks: DomainHooks,
  ) {}

  onModuleInit(): void {
    // A disabled account keeps no session: revoked in the transaction that disables it.
    this.hooks.onTransaction('user.disabling', async (em, { userId }) => {
      await this.revokeAllForUser(em, userId, 'user_disabled');
    });
  }

  async open(em: EntityManager, user: User): Promise<{ session: AuthSession; refreshToken: string }> {
    const session = em.create(AuthSession, {
      user,
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * DAY_MS),
    });
    const refreshToken = this.issue(em, session);
    await em.flush();
    return { session, refreshToken };
  }

  /**
   * Spends a refresh token. The row is locked so two concurrent uses serialise: the second sees it spent and is
   * treated as reuse, which revokes the whole session (family), as a stolen token would be.
   */
  async rotate(em: EntityManager, presented: string): Promise<RotationResult> {
    const token = await em.findOne(
      RefreshToken,
      { tokenHash: hashRefreshToken(presented) },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!token) return { kind: 'invalid' };
    const session = await em.findOneOrFail(AuthSession, { id: token.session.id }, { populate: ['user'] });
    if (token.usedAt !== null) {
      if (session.revokedAt === null) this.revoke(session, 'refresh_token_reused');
      await em.flush();
      return { kind: 'reused', session };
    }
    const user = session.user.getEntity();
    if (!session.isActive() || user.disabled) return { kind: 'invalid' };
    token.usedAt = new Date();
    const refreshToken = this.issue(em, session);
    await em.flush();
    return { kind: 'rotated', session, user, refreshToken };
  }

  async findByToken(em: EntityManager, presented: string): Promise<AuthSession | null> {
    const token = await em.findOne(
      RefreshToken,
      { tokenHash: hashRefreshToken(presented) },
      { populate: ['session'] },
    );
    return token?.session.getEntity() ?? null;
  }

  revoke(session: AuthSession, reason: string): void {
    session.revokedAt = new Date();
    session.revokedReason = reason;
  }

  async revokeAllForUser(em: EntityManager, userId: string, reason: string): Promise<number> {
    return em.nativeUpdate(
      AuthSession,
      { user: userId, revokedAt: null },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  /**
   * The per-request check behind every access token: the session is live and its user is enabled. One prepared
   * statement (auth.queries.ts) rather than a hydrated session and user: it runs on every request.
   */
  async resolveCaller(em: EntityManager, userId: string, sessionId: string): Promise<AuthUser | null> {
    const [caller] = await queryPrepared<{ id: string; role: PlatformRole }>(em, RESOLVE_CALLER, [
      sessionId,
      userId,
    ]);
    return caller ? { id: caller.id, role: caller.role, sessionId } : null;
  }

  private issue(em: EntityManager, session: AuthSession): string {
    const refreshToken = newRefreshToken();
    em.create(RefreshToken, { session, tokenHash: hashRefreshToken(refreshToken) });
    return refreshToken;
  }
}
