import { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '../../groups/membership/entities/membership.entity';
import { GroupRole, MembershipStatus } from '../../groups/groups.enums';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { Meeting } from '../../meetings/entities/meeting.entity';
import { Rsvp } from '../../meetings/entities/rsvp.entity';
import { RsvpStatus } from '../../meetings/meetings.enums';

/** Who the producers tell, read in the change's transaction (so they see the change itself). */

/** The group's active members of every role (observers included): invited, requested or former members are not. */
export async function activeMembers(em: EntityManager, groupId: string): Promise<Membership[]> {
  return em.find(Membership, { group: groupId, status: MembershipStatus.Active }, { orderBy: { id: 'asc' } });
}

export async function activeMemberIds(em: EntityManager, groupId: string): Promise<string[]> {
  return (await activeMembers(em, groupId)).map((m) => m.user.id);
}

/**
 * People who answered `going` (seated or waitlisted: they still plan to come) or `maybe`; a `declined` answer is
 * not told. Only active members keep answers (a membership that ends declines them).
 */
export async function interestedIds(em: EntityManager, meetingId: string): Promise<string[]> {
  const rows = await em.find(
    Rsvp,
    { meeting: meetingId, status: { $in: [RsvpStatus.Going, RsvpStatus.Maybe] } },
    { fields: ['user'], orderBy: { id: 'asc' } },
  );
  return rows.map((r) => r.user.id);
}

/** The meeting with its group, or null (a hook raised for a meeting that has no row, as some tests do). */
export async function meetingWithGroup(
  em: EntityManager,
  meetingId: string,
): Promise<{ meeting: Meeting; group: WorkingGroup } | null> {
  const meeting = await em.findOne(Meeting, { id: meetingId }, { populate: ['group'] });
  return meeting ? { meeting, group: meeting.group.getEntity() } : null;
}

/** The params every meeting notification carries (NotificationParamsByKind). */
export const meetingParams = (meeting: Meeting, group: WorkingGroup) => ({
  groupName: group.name,
  meetingTitle: meeting.title,
  startsAt: meeting.startsAt.toISOString(),
  timeZone: meeting.timeZone,
});

/** The group's active members who may take positions on priority areas (role member or anchor; not observers). */
export async function activePositionTakerIds(em: EntityManager, groupId: string): Promise<string[]> {
  const rows = await em.find(
    Membership,
    {
      group: groupId,
      status: MembershipStatus.Active,
      role: { $in: [GroupRole.Member, GroupRole.Anchor] },
    },
    { fields: ['user'], orderBy: { id: 'asc' } },
  );
  return rows.map((m) => m.user.id);
}
