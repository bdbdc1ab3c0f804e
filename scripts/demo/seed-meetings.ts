/**
 * Demo sessions: for every active demo group, one concluded session with attendance and published minutes, and
 * one scheduled session with an accepted agenda and RSVPs. Everything goes through the meetings services (the
 * code behind the HTTP routes), so audit events and hooks (the meeting's live channel) are written as for API
 * calls. Idempotent: meeting by (group, title), agenda item by (meeting, title), RSVP and attendance by
 * (meeting, user), minutes by meeting; a step that is already done is skipped, so a crashed run resumes.
 */
import { AgendaService } from '../../src/meetings/agenda.service';
import { AttendanceService } from '../../src/meetings/attendance.service';
import { offsetMinutes } from '../../src/meetings/calendar/zoned-time';
import { AgendaItem } from '../../src/meetings/entities/agenda-item.entity';
import { AgendaItemStatus, MeetingStatus, MinutesStatus } from '../../src/meetings/meetings.enums';
import { Attendance } from '../../src/meetings/entities/attendance.entity';
import { Meeting } from '../../src/meetings/entities/meeting.entity';
import { Minutes } from '../../src/meetings/entities/minutes.entity';
import { Rsvp } from '../../src/meetings/entities/rsvp.entity';
import { EDITABLE_STATUSES, RSVP_STATUSES } from '../../src/meetings/meeting-status';
import { MeetingsService } from '../../src/meetings/meetings.service';
import { MinutesService } from '../../src/meetings/minutes.service';
import { RsvpService } from '../../src/meetings/rsvp.service';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import { actingAs, demoUser, SeedContext } from './context';
import { DemoPastSession, DemoSession } from './meetings-data';
import { DEMO_PAST_SESSIONS } from './past-sessions';
import { DEMO_UPCOMING_SESSIONS } from './upcoming-sessions';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface MeetingServices {
  meetings: MeetingsService;
  agenda: AgendaService;
  rsvps: RsvpService;
  attendance: AttendanceService;
  minutes: MinutesService;
}

export async function seedMeetings(ctx: SeedContext): Promise<void> {
  const get = <T>(type: new (...args: never[]) => T): T => ctx.app.get(type, { strict: false });
  const services: MeetingServices = {
    meetings: get(MeetingsService),
    agenda: get(AgendaService),
    rsvps: get(RsvpService),
    attendance: get(AttendanceService),
    minutes: get(MinutesService),
  };
  for (const group of ctx.activeGroups) {
    const past = DEMO_PAST_SESSIONS[group.slug];
    if (past) await seedPastSession(ctx, services, group, past);
    const upcoming = DEMO_UPCOMING_SESSIONS[group.slug];
    if (upcoming) await seedUpcomingSession(ctx, services, group, upcoming);
  }
}

async function seedUpcomingSession(
  ctx: SeedContext,
  s: MeetingServices,
  group: WorkingGroup,
  spec: DemoSession,
): Promise<void> {
  const meeting = await ensureMeeting(ctx, s, group, spec);
  if (EDITABLE_STATUSES.includes(meeting.status)) await ensureAgenda(ctx, s, meeting, spec);
  if (RSVP_STATUSES.includes(meeting.status)) await ensureRsvps(ctx, s, meeting, spec);
}

/**
 * The meetings services accept past times, so a past session follows the life of a real one: scheduled (agenda,
 * RSVPs) → live (members join) → concluded → minutes saved and published, each step by the hosting anchor or the
 * member concerned. Only the attendance times are adjusted directly (see backdateAttendance).
 */
async function seedPastSession(
  ctx: SeedContext,
  s: MeetingServices,
  group: WorkingGroup,
  spec: DemoPastSession,
): Promise<void> {
  const meeting = await ensureMeeting(ctx, s, group, spec);
  const host = actingAs(ctx, spec.host);
  let status = meeting.status;
  if (status === MeetingStatus.Scheduled) {
    await ensureAgenda(ctx, s, meeting, spec);
    await ensureRsvps(ctx, s, meeting, spec);
    status = (await s.meetings.changeStatus(meeting.id, { status: MeetingStatus.Live }, host)).status;
  }
  if (status === MeetingStatus.Live) {
    await ensureAttendance(ctx, s, meeting, spec);
    status = (await s.meetings.changeStatus(meeting.id, { status: MeetingStatus.Concluded }, host)).status;
  }
  if (status !== MeetingStatus.Concluded) return; // changed by someone since: leave it alone

  const existing = await ctx.em.fork().findOne(Minutes, { meeting: meeting.id });
  let minutesStatus = existing?.status;
  if (!existing) {
    const saved = await s.minutes.save(
      meeting.id,
      {
        body: spec.minutes.body,
        decisions: spec.minutes.decisions,
        actionItems: spec.minutes.actionItems.map((item) => ({
          title: item.title,
          assigneeId: demoUser(ctx, item.assignee).id,
          dueDate: isoDate(new Date(ctx.today.getTime() + item.dueInDays * DAY_MS)),
        })),
      },
      host,
    );
    ctx.tally.minutes += 1;
    ctx.tally.actionItems += saved.actionItems.length;
    minutesStatus = saved.status;
  }
  if (minutesStatus === MinutesStatus.Draft) await s.minutes.publish(meeting.id, host);
}

/** Finds the meeting by (group, title), or schedules it through the service as the hosting anchor. */
async function ensureMeeting(
  ctx: SeedContext,
  s: MeetingServices,
  group: WorkingGroup,
  spec: DemoSession,
): Promise<Meeting> {
  const existing = await ctx.em.fork().findOne(Meeting, { group: group.id, title: spec.title });
  if (existing) return existing;
  const startsAt = localInstant(ctx.today, spec);
  const created = await s.meetings.create(
    group.slug,
    {
      title: spec.title,
      description: spec.description,
      format: spec.format,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + spec.durationMinutes * MINUTE_MS).toISOString(),
      timeZone: spec.timeZone,
      location: spec.location ?? null,
      onlineUrl: spec.onlineUrl ?? null,
      capacity: spec.capacity ?? null,
      status: MeetingStatus.Scheduled,
    },
    actingAs(ctx, spec.host),
  );
  ctx.tally.meetings += 1;
  return ctx.em.fork().findOneOrFail(Meeting, { id: created.id });
}

/** The host adds each item (anchors' items are accepted), unless an item of that title exists. */
async function ensureAgenda(
  ctx: SeedContext,
  s: MeetingServices,
  meeting: Meeting,
  spec: DemoSession,
): Promise<void> {
  for (const item of spec.agenda) {
    const existing = await ctx.em.fork().count(AgendaItem, { meeting: meeting.id, title: item.title });
    if (existing > 0) continue;
    await s.agenda.create(
      meeting.id,
      {
        title: item.title,
        description: item.description,
        durationMinutes: item.durationMinutes,
        presenterId: demoUser(ctx, item.presenter).id,
        status: AgendaItemStatus.Accepted,
      },
      actingAs(ctx, spec.host),
    );
    ctx.tally.agendaItems += 1;
  }
}

/** Each member answers for themselves; an existing answer (perhaps changed since by its owner) is kept. */
async function ensureRsvps(
  ctx: SeedContext,
  s: MeetingServices,
  meeting: Meeting,
  spec: DemoSession,
): Promise<void> {
  for (const answer of spec.rsvps) {
    const user = demoUser(ctx, answer.email);
    if ((await ctx.em.fork().count(Rsvp, { meeting: meeting.id, user: user.id })) > 0) continue;
    await s.rsvps.respond(meeting.id, { status: answer.status }, actingAs(ctx, answer.email));
    ctx.tally.rsvps += 1;
  }
}

/** Attendees join the live session through the attendance service (audited `meeting.joined`). */
async function ensureAttendance(
  ctx: SeedContext,
  s: MeetingServices,
  meeting: Meeting,
  spec: DemoPastSession,
): Promise<void> {
  const joined: string[] = [];
  for (const email of spec.attendees) {
    const user = demoUser(ctx, email);
    if ((await ctx.em.fork().count(Attendance, { meeting: meeting.id, user: user.id })) > 0) continue;
    await s.attendance.join(meeting.id, actingAs(ctx, email));
    ctx.tally.attendance += 1;
    joined.push(user.id);
  }
  await backdateAttendance(ctx, meeting, joined);
}

/**
 * DIRECT UPDATE, demo data only. The attendance service stamps a join with the current time (a live join is
 * always "now"), but the session recorded here took place in the past, so its attendance list would show joins
 * days after it ended. Move the times of the rows just created into the session: joins a minute apart from the
 * start, last seen at the end. Not audited on purpose: the `meeting.joined` events written by the service remain
 * the true record of when the seed performed the joins; this only shapes how the demo attendance reads.
 */
async function backdateAttendance(ctx: SeedContext, meeting: Meeting, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await ctx.em.fork().transactional(async (tx) => {
    for (const [index, userId] of userIds.entries()) {
      await tx.nativeUpdate(
        Attendance,
        { meeting: meeting.id, user: userId },
        {
          firstJoinedAt: new Date(meeting.startsAt.getTime() + index * MINUTE_MS),
          lastSeenAt: meeting.endsAt,
        },
      );
    }
  });
}

/** The instant of `spec.localStart` on the day `spec.dayOffset` days from `today`, in the session's zone. */
export function localInstant(
  today: Date,
  spec: Pick<DemoSession, 'dayOffset' | 'localStart' | 'timeZone'>,
): Date {
  const day = new Date(today.getTime() + spec.dayOffset * DAY_MS);
  const [hour, minute] = spec.localStart.split(':').map(Number);
  const wall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
  // The zone's offset depends on the instant; a second pass settles it across a daylight-saving change.
  let instant = wall - offsetMinutes(new Date(wall), spec.timeZone) * MINUTE_MS;
  instant = wall - offsetMinutes(new Date(instant), spec.timeZone) * MINUTE_MS;
  return new Date(instant);
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
