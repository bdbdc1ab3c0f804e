import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { requirePlatformRole } from '../../common/auth/access';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { ConflictError } from '../../common/errors/domain-error';
import { describeAnchorTypes, missingAnchorTypes } from '../membership/anchor-type';
import { STEWARD_ROLES } from '../../common/auth/platform-role.enums';
import { ChangeGroupStatusDto, WorkingGroupDto } from './dto/working-group.dto';
import { GroupStatus } from '../groups.enums';
import { loadGroupAccess } from '../group-access';
import { allowedNextStatuses, isAllowedTransition, rolesForTarget } from './status-machine';

@Injectable()
export class GroupStatusService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /**
   * Moves a group along its life cycle. The group row is locked first, so an activation and a concurrent
   * removal of the last anchor of a type cannot both succeed.
   */
  async change(slug: string, dto: ChangeGroupStatusDto, meta: AuthenticatedMeta): Promise<WorkingGroupDto> {
    return this.em.transactional(async (em) => {
      const { group } = await loadGroupAccess(em, slug, meta.user, { lock: true });
      requirePlatformRole(meta.user, STEWARD_ROLES, 'change the status of a group');
      const from = group.status;
      if (!isAllowedTransition(from, dto.status)) {
        const allowed = allowedNextStatuses(from);
        throw new ConflictError(
          `A ${from} group cannot become ${dto.status}; ` +
            (allowed.length > 0 ? `allowed next statuses: ${allowed.join(', ')}.` : 'it is final.'),
          { code: 'group.invalid_transition', params: { from, to: dto.status, allowed } },
        );
      }
      requirePlatformRole(meta.user, rolesForTarget(dto.status), `move a group to ${dto.status}`);
      if (dto.status === GroupStatus.Active) {
        const missing = await missingAnchorTypes(em, group.id);
        if (missing.length > 0) {
          throw new ConflictError(
            `A group can be active only with at least one active government anchor and one active ` +
              `civil-society anchor; missing: ${describeAnchorTypes(missing)} anchor.`,
            { code: 'group.anchor_missing', params: { missing } },
          );
        }
      }
      group.status = dto.status;
      await em.flush();
      const after = WorkingGroupDto.from(group);
      await this.audit.recordGroupChange(em, meta, group.id, {
        action: 'group.status_changed',
        entityType: 'WorkingGroup',
        entityId: group.id,
        before: { status: from },
        after: { status: dto.status, reason: dto.reason ?? null },
      });
      return after;
    });
  }
}
