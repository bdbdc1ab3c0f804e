import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { RequestMeta } from '../common/auth/auth-user';
import { ConflictError } from '../common/errors/domain-error';
import { GroupStatus } from './groups.enums';
import { describeAnchorTypes, missingAnchorTypes } from './membership/anchor-type';
import { WorkingGroupDto } from './working-groups/dto/working-group.dto';
import { WorkingGroup } from './working-groups/entities/working-group.entity';
import { allowedNextStatuses, isAllowedTransition } from './working-groups/status-machine';

/** Refuses a move the status machine does not allow (409 `group.invalid_transition`). */
export function assertAllowedTransition(from: GroupStatus, to: GroupStatus): void {
  if (isAllowedTransition(from, to)) return;
  const allowed = allowedNextStatuses(from);
  throw new ConflictError(
    `A ${from} group cannot become ${to}; ` +
      (allowed.length > 0 ? `allowed next statuses: ${allowed.join(', ')}.` : 'it is final.'),
    { code: 'group.invalid_transition', params: { from, to, allowed } },
  );
}

/** Refuses activation without an active government and civil-society anchor (409 `group.anchor_missing`). */
export async function assertMayBecome(em: EntityManager, groupId: string, to: GroupStatus): Promise<void> {
  if (to !== GroupStatus.Active) return;
  const missing = await missingAnchorTypes(em, groupId);
  if (missing.length > 0) {
    throw new ConflictError(
      `A group can be active only with at least one active government anchor and one active ` +
        `civil-society anchor; missing: ${describeAnchorTypes(missing)} anchor.`,
      { code: 'group.anchor_missing', params: { missing } },
    );
  }
}

export interface GroupStatusMove {
  to: GroupStatus;
  reason?: string | null;
  /** Recorded in the audit event's `after` (e.g. `{ reviewId, mergedInto }`). */
  context?: Record<string, unknown>;
}

/**
 * The groups context's port for other contexts (steering's reviews) that move a group or rewrite its scope as
 * part of their own change. Each call runs inside the caller's transaction, on a group row the caller locked
 * first (`loadGroupAccess(..., { lock: true })`, docs/architecture.md "Lock order" row 2), honours the status
 * machine and the anchor invariant (a refusal throws and the caller's transaction rolls back), and writes the
 * same audit event the groups routes write, so the change shows in the group's activity feed.
 */
@Injectable()
export class GroupStatusPort {
  constructor(private readonly audit: AuditService) {}

  /** Moves the group to `move.to`; a move to the status it already has changes nothing and returns false. */
  async move(
    em: EntityManager,
    meta: RequestMeta,
    group: WorkingGroup,
    move: GroupStatusMove,
  ): Promise<boolean> {
    requireTransaction(em);
    const from = group.status;
    if (from === move.to) return false;
    assertAllowedTransition(from, move.to);
    await assertMayBecome(em, group.id, move.to);
    group.status = move.to;
    await em.flush();
    await this.audit.recordGroupChange(em, meta, group.id, {
      action: 'group.status_changed',
      entityType: 'WorkingGroup',
      entityId: group.id,
      before: { status: from },
      after: { status: move.to, reason: move.reason ?? null, ...(move.context ?? {}) },
    });
    return true;
  }

  /** Rewrites the group's description (its scope), audited as `group.updated`. */
  async reviseScope(
    em: EntityManager,
    meta: RequestMeta,
    group: WorkingGroup,
    description: string,
    context: Record<string, unknown> = {},
  ): Promise<void> {
    requireTransaction(em);
    const before = WorkingGroupDto.from(group);
    if (group.description === description) return;
    group.description = description;
    await em.flush();
    await this.audit.recordGroupChange(em, meta, group.id, {
      action: 'group.updated',
      entityType: 'WorkingGroup',
      entityId: group.id,
      before,
      after: { ...WorkingGroupDto.from(group), ...context },
    });
  }
}

function requireTransaction(em: EntityManager): void {
  if (!em.isInTransaction()) throw new Error("GroupStatusPort must run inside the caller's transaction");
}
