import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { PlatformRole } from '../common/auth/platform-role.enums';
import { hashPassword } from './passwords';
import { advisoryXactLock } from '../common/sql';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when the platform has none. */
@Injectable()
export class AdminBootstrapService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(AdminBootstrapService.name);
  }

  async ensureAdmin(): Promise<'created' | 'promoted' | 'exists' | 'not_configured'> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return 'not_configured';
    const passwordHash = await hashPassword(adminPassword);
    const outcome = await this.em.fork().transactional(async (em) => {
      // Two instances starting at once must not both create an admin (docs/architecture.md, "Lock order").
      await advisoryXactLock(em, 'bootstrap-admin');
      if (await em.count(User, { role: PlatformRole.Admin })) return 'exists' as const;
      const existing = await em.findOne(User, { email: adminEmail });
      const user =
        existing ?? em.create(User, { email: adminEmail, displayName: 'Administrator', passwordHash });
      user.role = PlatformRole.Admin;
      await em.flush();
      await this.audit.recordPlatformChange(
        em,
        { user: null, requestId: `bootstrap-${randomUUID()}` },
        {
          action: existing ? 'user.promoted_admin' : 'user.bootstrapped_admin',
          entityType: 'User',
          entityId: user.id,
          after: { email: user.email, role: user.role },
        },
      );
      return existing ? ('promoted' as const) : ('created' as const);
    });
    if (outcome !== 'exists') this.logger.info({ email: adminEmail, outcome }, 'first admin ready');
    return outcome;
  }
}
