import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../common/auth/auth-user';
import { User } from '../users/entities/user.entity';
import { MeetingDto } from './dto/meeting.dto';
import { Meeting } from './entities/meeting.entity';
import { meetingStats, MeetingStatsRow } from './meetings.queries';

/**
 * Builds meeting answers with their derived figures (accepted agenda minutes, seats taken, waitlist length) in
 * one query for a whole page, not one per meeting. The group must be loaded (populate or identity map).
 */
export async function toMeetingDtos(
  em: EntityManager,
  meetings: Meeting[],
  showOnlineUrl: (meeting: Meeting) => boolean,
  caller: AuthUser | null | undefined,
): Promise<MeetingDto[]> {
  if (meetings.length === 0) return [];
  const callerTimeZone = caller ? await profileTimeZone(em, caller.id) : null;
  const rows = await meetingStats(
    em,
    meetings.map((m) => m.id),
    caller?.id ?? null,
  );
  const stats = new Map<string, MeetingStatsRow>(rows.map((r) => [r.id, r]));
  return meetings.map((meeting) => {
    const s = stats.get(meeting.id);
    return MeetingDto.from(meeting, {
      showOnlineUrl: showOnlineUrl(meeting),
      plannedMinutes: s?.planned ?? 0,
      rsvpCounts: {
        going: s?.going ?? 0,
        maybe: s?.maybe ?? 0,
        declined: s?.declined ?? 0,
        waitlisted: s?.waitlisted ?? 0,
      },
      myRsvp: s?.myStatus
        ? {
            status: s.myStatus,
            waitlisted: s.myWaitlistPosition !== null,
            waitlistPosition: s.myWaitlistPosition,
          }
        : null,
      callerTimeZone,
    });
  });
}

export async function toMeetingDto(
  em: EntityManager,
  meeting: Meeting,
  showOnlineUrl: boolean,
  caller: AuthUser | null | undefined,
): Promise<MeetingDto> {
  const [dto] = await toMeetingDtos(em, [meeting], () => showOnlineUrl, caller);
  return dto;
}

/** The caller's profile zone (`PATCH /me { timeZone }`, default UTC), for the `callerLocal` renderings. */
async function profileTimeZone(em: EntityManager, userId: string): Promise<string | null> {
  const user = await em.findOne(User, { id: userId });
  return user?.timeZone ?? null;
}

/** What the audit trail keeps of a meeting (no derived figures). */
export const meetingSnapshot = (m: Meeting): Record<string, unknown> => ({
  title: m.title,
  description: m.description,
  format: m.format,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  timeZone: m.timeZone,
  location: m.location,
  onlineUrl: m.onlineUrl,
  capacity: m.capacity,
  status: m.status,
  statusReason: m.statusReason,
  sequence: m.sequence,
});
