import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../common/auth/auth-user';
import { DomainHooks } from '../common/events/hooks';
import type { MeetingLinkedDocument } from './meetings.hooks';
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
  hooks: DomainHooks,
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
  const documents = await linkedDocuments(em, hooks, meetings, showOnlineUrl);
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
      documents: (documents.get(meeting.id) ?? []).map(({ id, title, kind, visibility }) => ({
        id,
        title,
        kind,
        visibility,
      })),
    });
  });
}

/**
 * The documents linked to each meeting, as the documents context answers (none when it is not loaded). Members-only
 * documents are listed for the readers who see members' details (the same readers who see the online URL).
 */
async function linkedDocuments(
  em: EntityManager,
  hooks: DomainHooks,
  meetings: Meeting[],
  seesMemberDetails: (meeting: Meeting) => boolean,
): Promise<Map<string, MeetingLinkedDocument[]>> {
  const answers = await hooks.ask('meeting.linked_documents', em, {
    meetings: meetings.map((m) => ({ meetingId: m.id, includeMembersOnly: seesMemberDetails(m) })),
  });
  const byMeeting = new Map<string, MeetingLinkedDocument[]>();
  for (const doc of answers.flat())
    byMeeting.set(doc.meetingId, [...(byMeeting.get(doc.meetingId) ?? []), doc]);
  return byMeeting;
}

export async function toMeetingDto(
  em: EntityManager,
  hooks: DomainHooks,
  meeting: Meeting,
  showOnlineUrl: boolean,
  caller: AuthUser | null | undefined,
): Promise<MeetingDto> {
  const [dto] = await toMeetingDtos(em, hooks, [meeting], () => showOnlineUrl, caller);
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
