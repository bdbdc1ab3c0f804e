import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { groupScope } from '../../audit/audit-hash';
import { AuditEvent } from '../../audit/entities/audit-event.entity';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { DomainHooks } from '../../common/events/hooks';
import type { ActivityRedaction } from '../groups.hooks';
import { decodeCursor, Page, pageSize, PaginationQueryDto, toPage } from '../../common/pagination/pagination';
import { GroupRole } from '../groups.enums';
import { ActivityEventDto } from './dto/activity.dto';
import { loadGroupAccess, managesGroup, mayReadEmails, requireGroupRole } from '../group-access';

/** Removes every `email` member at any depth: only anchors and admins may read addresses. */
export function withoutEmails(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmails);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key.toLowerCase() !== 'email')
      .map(([key, v]) => [key, withoutEmails(v)]),
  );
}

@Injectable()
export class GroupActivityService {
  constructor(
    private readonly em: EntityManager,
    private readonly hooks: DomainHooks,
  ) {}

  /** The group's audit chain, newest first: for active members (any role) and stewards. */
  async list(
    slug: string,
    query: PaginationQueryDto,
    meta: AuthenticatedMeta,
  ): Promise<Page<ActivityEventDto>> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    requireGroupRole(access, GroupRole.Observer, 'read its activity', { stewardsMayAct: true });
    const withEmails = mayReadEmails(access);
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'integer', 'integer') : undefined;
    // Anchors and stewards see drafts; everyone else gets the feed without what the contexts keep for them.
    const redaction = managesGroup(access) ? null : await this.redactionsFor(access.group.id);
    const rows = await this.em.find(
      AuditEvent,
      {
        scope: groupScope(access.group.id),
        ...(after ? { seq: { $lt: Number(after.key) } } : {}),
        ...(redaction?.hiddenEntityIds.length ? { entityId: { $nin: redaction.hiddenEntityIds } } : {}),
        ...(redaction?.hiddenActions.length ? { action: { $nin: redaction.hiddenActions } } : {}),
      },
      { orderBy: { seq: 'desc' }, limit: limit + 1 },
    );
    return toPage(
      rows,
      limit,
      (e) => ({ key: e.seq, id: String(e.id) }),
      (e) => ({
        id: String(e.id),
        action: e.action,
        actorId: e.actorId,
        entityType: e.entityType,
        entityId: e.entityId,
        occurredAt: e.occurredAt,
        after: (withEmails ? e.after : withoutEmails(e.after)) as Record<string, unknown> | null,
      }),
    );
  }

  /** What the contexts with drafts keep from readers who may not see them (each answers for its own tables). */
  private async redactionsFor(groupId: string): Promise<ActivityRedaction> {
    const parts = await this.hooks.ask('group.activity_redactions', this.em, { groupId });
    return {
      hiddenEntityIds: parts.flatMap((p) => p.hiddenEntityIds),
      hiddenActions: parts.flatMap((p) => p.hiddenActions),
    };
  }
}
