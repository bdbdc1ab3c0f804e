import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../common/auth/auth-user';
import { NotFoundError } from '../common/errors/domain-error';
import { GroupRole, GroupVisibility } from '../groups/groups.enums';
import { GroupAccess, loadGroupAccessById, managesGroup } from '../groups/group-access';
import { Meeting } from './entities/meeting.entity';
import { MeetingStatus } from './meetings.enums';
import { notFoundAs } from '../common/errors/not-found-as';

export const NOT_FOUND_MEETING = 'Meeting';

/** A meeting the caller may see, with the caller's standing in its group. */
export interface MeetingAccess extends GroupAccess {
  meeting: Meeting;
}

export const isAnchor = (access: GroupAccess): boolean => access.role === GroupRole.Anchor;

/** Active members (any role) and stewards see members-only things: the online URL, proposed agenda items. */
export const seesMemberDetails = (access: GroupAccess): boolean => access.role !== null || access.isSteward;

/**
 * Meetings of a public group are public; of a members-only group, visible to active members and stewards only
 * (an invitee may see the group but not yet its meetings). Drafts: anchors and stewards only.
 */
export function canSeeGroupMeetings(access: GroupAccess): boolean {
  return access.group.visibility === GroupVisibility.Public || seesMemberDetails(access);
}

/** Drafts (meetings, their agenda, minutes) are for the group's managers. */
export const seesDrafts = (access: GroupAccess): boolean => managesGroup(access);

/**
 * SQL twin of the draft rule: `meetingForDraftSeersOnlySql` (meetings.queries.ts, the activity feed redaction);
 * test/sql-visibility-twins.e2e-spec.ts keeps both equal.
 */
export function canSeeMeeting(access: GroupAccess, meeting: Meeting): boolean {
  if (!canSeeGroupMeetings(access)) return false;
  return meeting.status !== MeetingStatus.Draft || seesDrafts(access);
}

/**
 * Loads a meeting and the caller's access; 404 when it does not exist or the caller may not see it. `lock`
 * takes the meeting row FOR UPDATE: every writer that checks a per-meeting invariant (capacity, agenda order,
 * status) serialises on it.
 */
export async function loadMeetingAccess(
  em: EntityManager,
  meetingId: string,
  user: AuthUser | null,
  options: { lock?: boolean } = {},
): Promise<MeetingAccess> {
  const meeting = await em.findOne(
    Meeting,
    { id: meetingId },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  // An unknown meeting still goes through the group lookup (its id names no group, so that 404s), so it runs
  // the same statements as a meeting the caller may not see and the two 404s take the same time.
  const access = await notFoundAs(
    NOT_FOUND_MEETING,
    loadGroupAccessById(em, meeting?.group.id ?? meetingId, user),
  );
  if (!meeting || !canSeeMeeting(access, meeting)) throw new NotFoundError(NOT_FOUND_MEETING);
  return { ...access, meeting };
}
