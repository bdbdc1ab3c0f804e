/** The hooks the groups context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */
import type { AuditAction } from '../audit/audit-actions';
import type { RequestMeta } from '../common/auth/auth-user';
import type { MembershipAction } from './groups.audit';
import type { GroupRole, MembershipStatus } from './groups.enums';

/** What a group's activity feed must not show to a reader who may not see drafts. */
export interface ActivityRedaction {
  /** Audit events about these entities are left out (e.g. draft meetings and their agenda items). */
  hiddenEntityIds: string[];
  /** Audit events with these actions are left out (e.g. saving draft minutes). */
  hiddenActions: AuditAction[];
}

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /** A working group was created (the discussion context opens its `general` channel). */
    'group.created': { groupId: string; slug: string; name: string };
    /** An active membership ends (left, removed): the meetings context declines the person's upcoming RSVPs. */
    'membership.ending': { groupId: string; userId: string; meta: RequestMeta };
    /**
     * A membership was asked for, invited, approved, rejected (every change `join` / `add` / `PATCH` records), in
     * its transaction: the notifications context tells the people concerned (the anchors of a request, the
     * requester of a decision, the invitee).
     */
    'membership.changed': {
      groupId: string;
      groupName: string;
      membershipId: string;
      /** Whose membership it is. */
      userId: string;
      userName: string;
      role: GroupRole;
      action: MembershipAction;
      /** The status before the change (null: there was no membership row). */
      previousStatus: MembershipStatus | null;
      /** Who made the change. */
      actorId: string;
    };
  }
  interface CommittedEventMap {
    /** A membership stopped being active (left, removed): the user's sockets leave the group's rooms. */
    'membership.ended': { groupId: string; groupSlug: string; userId: string; status: string };
  }
  interface QueryHookMap {
    /**
     * The activity feed is built from the audit chain, which records drafts too. Each context with drafts says
     * what to leave out for readers who are not anchors or stewards, so the feed never shows more than that
     * context's own routes would.
     */
    'group.activity_redactions': { args: { groupId: string }; result: ActivityRedaction };
  }
}
