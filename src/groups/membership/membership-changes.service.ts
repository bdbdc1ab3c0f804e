import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/domain-error';
import { DomainHooks } from '../../common/events/hooks';
import { User } from '../../users/entities/user.entity';
import {
  GroupAccess,
  groupRoleRequired,
  loadGroupAccess,
  managesGroup,
  mayReadEmails,
} from '../group-access';
import { MembershipDto, UpdateMemberDto } from './dto/membership.dto';
import { Membership } from './entities/membership.entity';
import type { MembershipAction } from '../groups.audit';
import { GroupRole, MembershipStatus } from '../groups.enums';
import { assertNotLastAnchor, lockAndAssertMayAnchor } from './membership-rules';
import { changedPayload, forbidSelfApproval } from './membership.service';

const ENDED = [MembershipStatus.Left, MembershipStatus.Removed, MembershipStatus.Rejected];

const invalidTransition = (from: MembershipStatus, to: MembershipStatus): ConflictError =>
  new ConflictError(`A membership that is ${from} cannot become ${to}.`, {
    code: 'membership.invalid_transition',
    params: { from, to },
  });

const managersOnly = (action: string): ForbiddenError =>
  groupRoleRequired(GroupRole.Anchor, action, { stewardsMayAct: true });

interface Standing {
  access: GroupAccess;
  isSelf: boolean;
  isManager: boolean;
}

/** Changes to an existing membership: approve, accept, reject, decline, change role, leave, remove. */
@Injectable()
export class MembershipChangesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
  ) {}

  async update(
    slug: string,
    userId: string,
    dto: UpdateMemberDto,
    meta: AuthenticatedMeta,
  ): Promise<MembershipDto> {
    if (dto.role === undefined && dto.status === undefined) {
      throw ValidationError.single('', 'give role, status or both');
    }
    return this.em.transactional(async (em) => {
      const standing = await this.standing(em, slug, userId, meta);
      const { access, isSelf, isManager } = standing;
      if (!isSelf && !isManager) throw managersOnly('change the memberships of other people');
      const m = await this.target(em, access, userId);
      const before = MembershipDto.from(m);
      let action: MembershipAction | null = null;
      if (dto.status === MembershipStatus.Active) action = this.activate(em, m, standing, meta);
      if (dto.status === MembershipStatus.Rejected) action = this.reject(m, standing);
      if (dto.role !== undefined && dto.role !== m.role) {
        if (!isManager) throw managersOnly('change roles');
        if (ENDED.includes(m.status)) throw invalidTransition(m.status, m.status);
        if (dto.role === GroupRole.Anchor) await lockAndAssertMayAnchor(em, m.user.id);
        await assertNotLastAnchor(em, access.group, m);
        m.role = dto.role;
        action ??= 'membership.role_changed';
      }
      if (action === null) return MembershipDto.from(m, { withEmail: mayReadEmails(access) });
      // An anchor invitation is checked again on acceptance: the organisation may have changed meanwhile.
      if (action === 'membership.accepted' && m.role === GroupRole.Anchor)
        await lockAndAssertMayAnchor(em, m.user.id);
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action,
        entityType: 'Membership',
        entityId: m.id,
        before,
        after: MembershipDto.from(m),
        hook: { name: 'membership.changed', payload: changedPayload(access, m, action, before, meta) },
      });
      return MembershipDto.from(m, { withEmail: mayReadEmails(access) });
    });
  }

  /** Self: leave (or withdraw a request). Anchor or steward on someone else: remove. */
  async remove(slug: string, userId: string, meta: AuthenticatedMeta): Promise<MembershipDto> {
    const result = await this.em.transactional(async (em) => {
      const { access, isSelf, isManager } = await this.standing(em, slug, userId, meta);
      if (!isSelf && !isManager) throw managersOnly('remove members');
      const m = await this.target(em, access, userId);
      const view = (): MembershipDto => MembershipDto.from(m, { withEmail: mayReadEmails(access) });
      if (ENDED.includes(m.status)) return { view: view(), ended: null };
      await assertNotLastAnchor(em, access.group, m);
      const wasActive = m.status === MembershipStatus.Active;
      const before = MembershipDto.from(m);
      m.status = isSelf ? MembershipStatus.Left : MembershipStatus.Removed;
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: isSelf ? 'membership.left' : 'membership.removed',
        entityType: 'Membership',
        entityId: m.id,
        before,
        after: MembershipDto.from(m),
        // Only an active membership holds RSVPs for the meetings context to decline.
        hook: wasActive
          ? { name: 'membership.ending', payload: { groupId: access.group.id, userId, meta } }
          : undefined,
      });
      return {
        view: view(),
        ended: wasActive
          ? { groupId: access.group.id, groupSlug: access.group.slug, userId, status: m.status }
          : null,
      };
    });
    // Only now, after commit: listeners (sockets leaving rooms) must not act on a change that may roll back.
    if (result.ended) this.hooks.emitCommitted('membership.ended', result.ended);
    return result.view;
  }

  /** `status: active`: an anchor approves a request (never their own), the invitee accepts an invitation. */
  private activate(
    em: EntityManager,
    m: Membership,
    { isSelf, isManager }: Standing,
    meta: AuthenticatedMeta,
  ): MembershipAction | null {
    switch (m.status) {
      case MembershipStatus.Active:
        return null;
      case MembershipStatus.Requested:
        if (isSelf) throw forbidSelfApproval();
        if (!isManager) throw managersOnly('approve requests');
        m.status = MembershipStatus.Active;
        m.approvedBy = em.getReference(User, meta.user.id, { wrapped: true });
        m.approvedAt = new Date();
        return 'membership.approved';
      case MembershipStatus.Invited:
        if (!isSelf) {
          throw new ForbiddenError('Only the invited person can accept an invitation.', {
            code: 'membership.invitee_only',
          });
        }
        m.status = MembershipStatus.Active;
        m.approvedBy = m.invitedBy;
        m.approvedAt = new Date();
        return 'membership.accepted';
      default:
        throw invalidTransition(m.status, MembershipStatus.Active);
    }
  }

  /** `status: rejected`: an anchor rejects a request, the invitee declines an invitation. */
  private reject(m: Membership, { isSelf, isManager }: Standing): MembershipAction | null {
    switch (m.status) {
      case MembershipStatus.Rejected:
        return null;
      case MembershipStatus.Requested:
        if (isSelf || !isManager) throw managersOnly('reject requests (withdraw your own with DELETE)');
        m.status = MembershipStatus.Rejected;
        return 'membership.rejected';
      case MembershipStatus.Invited:
        if (!isSelf) throw managersOnly('withdraw invitations (with DELETE)');
        m.status = MembershipStatus.Rejected;
        return 'membership.declined';
      default:
        throw invalidTransition(m.status, MembershipStatus.Rejected);
    }
  }

  /** Locks the group row first: every membership change of one group serialises on it (anchor invariant). */
  private async standing(
    em: EntityManager,
    slug: string,
    userId: string,
    meta: AuthenticatedMeta,
  ): Promise<Standing> {
    const access = await loadGroupAccess(em, slug, meta.user, { lock: true });
    return {
      access,
      isSelf: userId === meta.user.id,
      isManager: managesGroup(access),
    };
  }

  private async target(em: EntityManager, access: GroupAccess, userId: string): Promise<Membership> {
    const m = await em.findOne(
      Membership,
      { group: access.group.id, user: userId },
      { populate: ['user.organization'] },
    );
    if (!m) throw new NotFoundError('Membership');
    return m;
  }
}
