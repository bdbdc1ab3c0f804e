import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { requirePlatformRole } from '../../common/auth/access';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { assertAllowedTransition, assertMayBecome } from '../group-status.port';
import { STEWARD_ROLES } from '../../common/auth/platform-role.enums';
import { ChangeGroupStatusDto, WorkingGroupDto } from './dto/working-group.dto';
import { loadGroupAccess } from '../group-access';
import { rolesForTarget } from './status-machine';

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
      assertAllowedTransition(from, dto.status);
      requirePlatformRole(meta.user, rolesForTarget(dto.status), `move a group to ${dto.status}`);
      await assertMayBecome(em, group.id, dto.status);
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
