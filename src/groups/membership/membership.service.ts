import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthenticatedMeta, RequestMeta } from '../../common/auth/auth-user';
import { ForbiddenError, ValidationError } from '../../common/errors/domain-error';
import type { TransactionalHookMap } from '../../common/events/hooks';
import { decodeCursor, keysetAfter, Page, pageSize, toPage } from '../../common/pagination/pagination';
import { User } from '../../users/entities/user.entity';
import type { MembershipAction } from '../groups.audit';
import { JoinPolicy, GroupRole, MembershipStatus } from '../groups.enums';
import { GroupAccess, loadGroupAccess, mayReadEmails, requireGroupRole } from '../group-access';
import { AddMemberDto, ListMembersQueryDto, MembershipDto } from './dto/membership.dto';
import { Membership } from './entities/membership.entity';
import { assertOpenForMembership, lockAndAssertMayAnchor } from './membership-rules';

export interface MembershipResult {
  membership: MembershipDto;
  /** False when the call was a repeat and nothing changed (answered 200 instead of 201). */
  changed: boolean;
}

@Injectable()
export class MembershipService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /**
   * Public groups: everyone sees the active members; anonymous visitors only the anchors (with their
   * organisations), so names of ordinary members are not scraped. Pending statuses: anchors and stewards.
   */
  async list(slug: string, query: ListMembersQueryDto, meta: RequestMeta): Promise<Page<MembershipDto>> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    const status = query.status ?? MembershipStatus.Active;
    if (status !== MembershipStatus.Active && !access.isSteward) {
      requireGroupRole(access, GroupRole.Anchor, `list ${status} memberships`);
    }
    const role = meta.user === null ? GroupRole.Anchor : query.role;
    if (meta.user === null && query.role !== undefined && query.role !== GroupRole.Anchor) {
      return { items: [], nextCursor: null };
    }
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      Membership,
      {
        group: access.group.id,
        status,
        ...(role ? { role } : {}),
        ...keysetAfter('createdAt', after ? { key: after.key, id: after.id } : undefined),
      },
      { populate: ['user.organization'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 },
    );
    const withEmail = mayReadEmails(access);
    return toPage(
      rows,
      limit,
      (m) => ({ key: m.createdAt.toISOString(), id: m.id }),
      (m) => MembershipDto.from(m, { withEmail }),
    );
  }

  /** Empty body: the caller joins (open → active, approval → requested); an invitee accepts this way too. */
  async join(slug: string, meta: AuthenticatedMeta): Promise<MembershipResult> {
    return this.em.transactional(async (em) => {
      const access = await loadGroupAccess(em, slug, meta.user, { lock: true });
      const group = access.group;
      const existing = access.membership;
      if (existing && [MembershipStatus.Active, MembershipStatus.Requested].includes(existing.status)) {
        return { membership: await this.view(em, existing, access), changed: false };
      }
      assertOpenForMembership(group);
      const user = await em.findOneOrFail(User, { id: meta.user.id }, { populate: ['organization'] });
      const m = existing ?? em.create(Membership, { group: group.id, user, role: GroupRole.Member });
      const before = existing ? MembershipDto.from(await this.loaded(em, existing)) : null;
      let action: MembershipAction;
      if (existing?.status === MembershipStatus.Invited) {
        // Joining what one is invited to is accepting the invitation, which was the approval.
        if (m.role === GroupRole.Anchor) await lockAndAssertMayAnchor(em, user.id);
        em.assign(m, { status: MembershipStatus.Active, approvedBy: m.invitedBy, approvedAt: new Date() });
        action = 'membership.accepted';
      } else {
        // Someone removed or rejected must be approved again, even in an open group.
        const mustAsk =
          group.joinPolicy === JoinPolicy.Approval ||
          existing?.status === MembershipStatus.Removed ||
          existing?.status === MembershipStatus.Rejected;
        em.assign(m, {
          role: GroupRole.Member,
          status: mustAsk ? MembershipStatus.Requested : MembershipStatus.Active,
          approvedBy: null,
          approvedAt: mustAsk ? null : new Date(),
          invitedBy: null,
        });
        action = mustAsk ? 'membership.requested' : 'membership.joined';
      }
      return this.commit(em, meta, access, m, action, before);
    });
  }

  /** `{ userId, role? }`: a steward adds directly (active), an anchor invites (invited, or approves a request). */
  async add(
    slug: string,
    dto: AddMemberDto & { userId: string },
    meta: AuthenticatedMeta,
  ): Promise<MembershipResult> {
    return this.em.transactional(async (em) => {
      const access = await loadGroupAccess(em, slug, meta.user, { lock: true });
      const direct = access.isSteward;
      if (!direct) requireGroupRole(access, GroupRole.Anchor, 'invite people');
      const group = access.group;
      assertOpenForMembership(group);
      const user = await em.findOne(User, { id: dto.userId }, { populate: ['organization'] });
      if (!user) throw ValidationError.single('userId', 'userId does not name a user');
      const role = dto.role ?? GroupRole.Member;
      if (role === GroupRole.Anchor) await lockAndAssertMayAnchor(em, user.id);
      const existing = await em.findOne(Membership, { group: group.id, user: user.id });
      if (
        existing?.status === MembershipStatus.Active ||
        (!direct && existing?.status === MembershipStatus.Invited)
      ) {
        return { membership: await this.view(em, existing, access), changed: false };
      }
      const before = existing ? MembershipDto.from(await this.loaded(em, existing)) : null;
      const m = existing ?? em.create(Membership, { group: group.id, user, role });
      const caller = em.getReference(User, meta.user.id, { wrapped: true });
      let action: MembershipAction;
      if (direct || existing?.status === MembershipStatus.Requested) {
        // A steward's add, or an anchor inviting someone who already asked: both are an approval.
        em.assign(m, { role, status: MembershipStatus.Active, approvedBy: caller, approvedAt: new Date() });
        if (!existing || existing.status !== MembershipStatus.Requested) m.invitedBy = caller;
        action = direct ? 'membership.added' : 'membership.approved';
      } else {
        em.assign(m, {
          role,
          status: MembershipStatus.Invited,
          approvedBy: null,
          approvedAt: null,
          invitedBy: caller,
        });
        action = 'membership.invited';
      }
      return this.commit(em, meta, access, m, action, before);
    });
  }

  private async commit(
    em: EntityManager,
    meta: AuthenticatedMeta,
    access: GroupAccess,
    m: Membership,
    action: MembershipAction,
    before: MembershipDto | null,
  ): Promise<MembershipResult> {
    await em.flush();
    const loaded = await this.loaded(em, m);
    await this.audit.recordGroupChange(em, meta, access.group.id, {
      action,
      entityType: 'Membership',
      entityId: m.id,
      before,
      after: MembershipDto.from(loaded),
      hook: { name: 'membership.changed', payload: changedPayload(access, loaded, action, before, meta) },
    });
    return { membership: MembershipDto.from(loaded, { withEmail: mayReadEmails(access) }), changed: true };
  }

  private async loaded(em: EntityManager, m: Membership): Promise<Membership> {
    await em.populate(m, ['user.organization']);
    return m;
  }

  private async view(em: EntityManager, m: Membership, access: GroupAccess): Promise<MembershipDto> {
    return MembershipDto.from(await this.loaded(em, m), { withEmail: mayReadEmails(access) });
  }
}

/** The `membership.changed` hook's payload for a change of `m` (loaded with its user) by the caller. */
export function changedPayload(
  access: GroupAccess,
  m: Membership,
  action: MembershipAction,
  before: MembershipDto | null,
  meta: AuthenticatedMeta,
): TransactionalHookMap['membership.changed'] {
  return {
    groupId: access.group.id,
    groupName: access.group.name,
    membershipId: m.id,
    userId: m.user.id,
    userName: m.user.getEntity().displayName,
    role: m.role,
    action,
    previousStatus: before?.status ?? null,
    actorId: meta.user.id,
  };
}

/** Guards the body shape the contract allows: `role` only makes sense with `userId`. */
export function assertAddShape(dto: AddMemberDto): void {
  if (dto.userId === undefined && dto.role !== undefined) {
    throw ValidationError.single(
      'role',
      'role can be given only together with userId (to invite or add someone)',
    );
  }
}

export const forbidSelfApproval = (): ForbiddenError =>
  new ForbiddenError('You cannot approve your own membership; an anchor of the group must.', {
    code: 'membership.self_approval',
  });
