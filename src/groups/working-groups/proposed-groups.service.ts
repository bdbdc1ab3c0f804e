import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { advisoryXactLock } from '../../common/sql';
import { User } from '../../users/entities/user.entity';
import { GroupRole, GroupStatus, GroupVisibility, JoinPolicy, MembershipStatus } from '../groups.enums';
import { anchorTypeOf } from '../membership/anchor-type';
import { MembershipDto } from '../membership/dto/membership.dto';
import { Membership } from '../membership/entities/membership.entity';
import { WorkingGroupDto } from './dto/working-group.dto';
import { WorkingGroup } from './entities/working-group.entity';
import { firstFreeSlug, slugify } from './slug';

/** What a new group is made of, whoever asks for it (POST /working-groups, an approved proposal). */
export interface NewGroupFields {
  name: string;
  theme: string;
  description: string;
  visibility: GroupVisibility;
  joinPolicy: JoinPolicy;
}

export interface ProposedGroupResult {
  group: WorkingGroupDto;
  /** The users invited as anchors, in the order asked. */
  invitedAnchorIds: string[];
}

/**
 * The groups context's port for other contexts that create groups (steering: an approved proposal). It runs in
 * the caller's transaction, so the group, its `group.created` hook (discussion opens the general channel), the
 * anchor invitations and their audit events commit or roll back with the caller's own change.
 */
@Injectable()
export class ProposedGroupsService {
  constructor(private readonly audit: AuditService) {}

  /**
   * A new group in status `proposed`, audited in its own chain (`group.created`, raising the hook). Takes the
   * advisory `group-slug:<base>` lock (docs/architecture.md, "Lock order"), so two groups of the same name pick
   * different free slugs.
   */
  async createGroup(
    em: EntityManager,
    meta: AuthenticatedMeta,
    fields: NewGroupFields,
  ): Promise<WorkingGroupDto> {
    if (!em.isInTransaction()) throw new Error('createGroup must run inside the caller’s transaction');
    const base = slugify(fields.name);
    await advisoryXactLock(em, `group-slug:${base}`);
    const clashes = await em.find(
      WorkingGroup,
      { $or: [{ slug: base }, { slug: { $like: `${base}-%` } }] },
      { fields: ['slug'] },
    );
    const group = em.create(WorkingGroup, {
      slug: firstFreeSlug(
        base,
        clashes.map((g) => g.slug),
      ),
      name: fields.name,
      theme: fields.theme,
      description: fields.description,
      status: GroupStatus.Proposed,
      visibility: fields.visibility,
      joinPolicy: fields.joinPolicy,
    });
    await em.flush();
    return this.audit.recordGroupChange(em, meta, group.id, {
      action: 'group.created',
      entityType: 'WorkingGroup',
      entityId: group.id,
      after: WorkingGroupDto.from(group),
      hook: { name: 'group.created', payload: { groupId: group.id, slug: group.slug, name: group.name } },
    });
  }

  /**
   * A proposed group with anchor invitations (status `invited`, role `anchor`, invited by the caller). Each
   * invitee's user row is read under FOR SHARE (as every path that makes someone an anchor does, after the new
   * group's slug lock); someone who is disabled, or whose organisation is no longer one of `organizationIds` or
   * cannot anchor, is skipped rather than failing the whole creation: the caller reports who was invited.
   */
  async createWithAnchorInvitations(
    em: EntityManager,
    meta: AuthenticatedMeta,
    fields: NewGroupFields,
    invite: { userIds: string[]; organizationIds: string[] },
  ): Promise<ProposedGroupResult> {
    const group = await this.createGroup(em, meta, fields);
    const invitedAnchorIds: string[] = [];
    const allowed = new Set(invite.organizationIds);
    // Lock user rows in id order, so two approvals naming the same people cannot deadlock.
    for (const userId of [...new Set(invite.userIds)].sort()) {
      const user = await em.findOne(
        User,
        { id: userId },
        { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
      );
      if (!user || user.disabled) continue;
      await em.populate(user, ['organization'], { refresh: true });
      const org = user.organization?.getEntity() ?? null;
      if (!org || !allowed.has(org.id) || anchorTypeOf(org.kind) === null) continue;
      const m = em.create(Membership, {
        group: group.id,
        user,
        role: GroupRole.Anchor,
        status: MembershipStatus.Invited,
        invitedBy: em.getReference(User, meta.user.id, { wrapped: true }),
      });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, group.id, {
        action: 'membership.invited',
        entityType: 'Membership',
        entityId: m.id,
        before: null,
        after: MembershipDto.from(m),
      });
      invitedAnchorIds.push(userId);
    }
    invitedAnchorIds.sort((a, b) => invite.userIds.indexOf(a) - invite.userIds.indexOf(b));
    return { group, invitedAnchorIds };
  }
}
