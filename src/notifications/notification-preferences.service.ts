import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import {
  NotificationPreferencesDto,
  SetNotificationPreferenceDto,
  UnsubscribeDto,
  UpdateNotificationPreferencesDto,
} from './dto/notification-preferences.dto';
import { EmailDelivery } from './email/email-delivery';
import { NotificationPreference } from './entities/notification-preference.entity';
import { DEFAULT_FREQUENCY } from './notification-kinds';
import { setFrequencies, userExists } from './notification-preferences.queries';
import { NotificationFrequency, NotificationKind } from './notifications.enums';
import './notification-preferences.audit';
import './notifications.errors';

const ALL_KINDS = Object.values(NotificationKind);

/**
 * Email frequencies per kind (`off | immediately | daily | weekly`); no row → the kind's default. A change also
 * applies to that person's notifications of the kind still waiting for email (not yet sent, not yet in a digest),
 * so unsubscribing stops what is queued and a switch between immediate and digest loses or repeats nothing.
 */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly delivery: EmailDelivery,
  ) {}

  async get(meta: AuthenticatedMeta): Promise<NotificationPreferencesDto> {
    return this.effective(this.em, meta.user.id);
  }

  async update(
    dto: UpdateNotificationPreferencesDto,
    meta: AuthenticatedMeta,
  ): Promise<NotificationPreferencesDto> {
    const seen = new Map<NotificationKind, number>();
    const duplicates = dto.preferences.flatMap((p, i) => {
      const first = seen.get(p.kind);
      seen.set(p.kind, first ?? i);
      return first === undefined
        ? []
        : [{ path: `preferences[${i}].kind`, message: `kind ${p.kind} is listed twice (also at ${first})` }];
    });
    if (duplicates.length > 0) throw new ValidationError(duplicates);
    return this.em.transactional(async (em) => {
      await this.apply(em, meta.user.id, dto.preferences, meta);
      return this.effective(em, meta.user.id);
    });
  }

  /** GET /unsubscribe/:token: what the link would do, changing nothing. */
  preview(token: string): UnsubscribeDto {
    const claim = this.verify(token);
    return this.unsubscribeAnswer(claim, false);
  }

  /** POST /unsubscribe/:token (RFC 8058 one-click): sets the link's kind (or every kind) to `off`. */
  async unsubscribe(token: string, meta: RequestMeta): Promise<UnsubscribeDto> {
    const claim = this.verify(token);
    await this.em.transactional(async (em) => {
      if (!(await userExists(em, claim.userId))) throw new NotFoundError('UnsubscribeLink');
      const kinds = claim.kind === 'all' ? ALL_KINDS : [claim.kind];
      await this.apply(
        em,
        claim.userId,
        kinds.map((kind) => ({ kind, frequency: NotificationFrequency.Off })),
        meta,
      );
    });
    return this.unsubscribeAnswer(claim, true);
  }

  private verify(token: string) {
    const verified = this.delivery.tokens.verify(token, new Date());
    if (verified.ok) return verified.claim;
    if (verified.reason === 'expired')
      throw new DomainError(
        410,
        'Gone',
        'This unsubscribe link has expired; change your settings in Convene.',
        {
          code: 'unsubscribe.expired',
        },
      );
    throw new NotFoundError('UnsubscribeLink');
  }

  private unsubscribeAnswer(
    claim: { kind: NotificationKind | 'all'; expiresAt: Date },
    applied: boolean,
  ): UnsubscribeDto {
    return {
      scope: claim.kind,
      kinds: claim.kind === 'all' ? ALL_KINDS : [claim.kind],
      frequency: NotificationFrequency.Off,
      applied,
      expiresAt: claim.expiresAt.toISOString(),
    };
  }

  private async apply(
    em: EntityManager,
    userId: string,
    changes: SetNotificationPreferenceDto[],
    meta: RequestMeta,
  ): Promise<void> {
    if (changes.length === 0) return;
    const before = await em.find(NotificationPreference, { user: userId, kind: changes.map((c) => c.kind) });
    const was = new Map(before.map((p) => [p.kind, p.frequency]));
    // A kind without a row is written even at its default: the choice then survives a change of the default.
    const changed = changes.filter((c) => !was.has(c.kind) || was.get(c.kind) !== c.frequency);
    if (changed.length === 0) return;
    await setFrequencies(em, userId, changed);
    await this.audit.recordPlatformChange(em, meta, {
      action: 'notification_preferences.updated',
      entityType: 'User',
      entityId: userId,
      before: Object.fromEntries(changed.map((c) => [c.kind, was.get(c.kind) ?? null])),
      after: Object.fromEntries(changed.map((c) => [c.kind, c.frequency])),
    });
  }

  private async effective(em: EntityManager, userId: string): Promise<NotificationPreferencesDto> {
    const rows = await em.find(NotificationPreference, { user: userId });
    const chosen = new Map(rows.map((p) => [p.kind, p.frequency]));
    return {
      preferences: ALL_KINDS.map((kind) => ({
        kind,
        frequency: chosen.get(kind) ?? DEFAULT_FREQUENCY[kind],
        defaultFrequency: DEFAULT_FREQUENCY[kind],
        isDefault: !chosen.has(kind),
      })),
    };
  }
}
