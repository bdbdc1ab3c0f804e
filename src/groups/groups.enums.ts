export enum GroupStatus {
  Proposed = 'proposed',
  Active = 'active',
  UnderReview = 'under_review',
  Sunset = 'sunset',
  Archived = 'archived',
}

export enum GroupVisibility {
  Public = 'public',
  Members = 'members',
}

export enum JoinPolicy {
  Open = 'open',
  Approval = 'approval',
}

export enum GroupRole {
  Anchor = 'anchor',
  Member = 'member',
  Observer = 'observer',
}

export enum MembershipStatus {
  Invited = 'invited',
  Requested = 'requested',
  Active = 'active',
  Rejected = 'rejected',
  Left = 'left',
  Removed = 'removed',
}

/** Ordered weakest to strongest: a rule that needs `member` is met by an anchor too. */
export const GROUP_ROLE_RANK: Record<GroupRole, number> = {
  [GroupRole.Observer]: 1,
  [GroupRole.Member]: 2,
  [GroupRole.Anchor]: 3,
};

export enum AnchorType {
  Government = 'government',
  CivilSociety = 'civil_society',
}

export const ANCHOR_TYPES: AnchorType[] = [AnchorType.Government, AnchorType.CivilSociety];

/** A group's `documentUploads` setting: who may add documents (anchors always may). */
export enum DocumentUploads {
  Anchors = 'anchors',
  Members = 'members',
}
