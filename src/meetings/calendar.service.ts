import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import ical, { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta, AuthUser, RequestMeta } from '../common/auth/auth-user';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { User } from '../users/entities/user.entity';
import { loadGroupAccess, NOT_FOUND_GROUP } from '../groups/group-access';
import { hashCalendarToken, newCalendarToken } from './calendar/calendar-token';
import { icsRawText, icsText, icsUri } from './calendar/ics-text';
import { buildVtimezone } from './calendar/vtimezone';
import { ZonedInstant } from './calendar/zoned-time';
import {
  CalendarTokenDto,
  CalendarTokenPageDto,
  CalendarTokenSummaryDto,
  IssueCalendarTokenDto,
} from './dto/calendar.dto';
import { CalendarToken } from './entities/calendar-token.entity';
import { Meeting } from './entities/meeting.entity';
import { MeetingStatus } from './meetings.enums';
import { canSeeGroupMeetings, loadMeetingAccess, seesMemberDetails } from './meeting-access';

const FEED_HISTORY_MS = 365 * 86_400_000; // a feed carries the past year and everything ahead
const FEED_MAX_EVENTS = 1000;
/** Calendar tokens one person may hold at once (one per device), so the table cannot grow without bound. */
export const MAX_CALENDAR_TOKENS = 10;

const tokenSummary = (row: CalendarToken): CalendarTokenSummaryDto => ({
  id: row.id,
  label: row.label,
  createdAt: row.createdAt.toISOString(),
});

/** iCalendar output: one meeting, or a group's subscribable feed (public, or via a personal token). */
@Injectable()
export class CalendarService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async meetingIcs(meetingId: string, meta: RequestMeta): Promise<string> {
    const access = await loadMeetingAccess(this.em, meetingId, meta.user);
    return renderCalendar(access.meeting.title, [access.meeting], seesMemberDetails(access));
  }

  async groupFeed(slug: string, token: string | undefined, meta: RequestMeta): Promise<string> {
    const user = token === undefined ? meta.user : await this.userForToken(token);
    const access = await loadGroupAccess(this.em, slug, user);
    if (!canSeeGroupMeetings(access)) throw new NotFoundError(NOT_FOUND_GROUP);
    const meetings = await this.em.find(
      Meeting,
      {
        group: access.group.id,
        status: { $ne: MeetingStatus.Draft },
        endsAt: { $gt: new Date(Date.now() - FEED_HISTORY_MS) },
      },
      { orderBy: { startsAt: 'asc', id: 'asc' }, limit: FEED_MAX_EVENTS },
    );
    return renderCalendar(`${access.group.name} (Convene)`, meetings, seesMemberDetails(access));
  }

  /**
   * Issues a new personal calendar token for one more device; the caller's other tokens stay valid. Only its hash
   * is stored. The user row is locked so that concurrent requests cannot pass the cap together.
   */
  async issueToken(dto: IssueCalendarTokenDto, meta: AuthenticatedMeta): Promise<CalendarTokenDto> {
    const token = newCalendarToken();
    const row = await this.em.transactional(async (em) => {
      await em.findOneOrFail(User, { id: meta.user.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if ((await em.count(CalendarToken, { user: meta.user.id })) >= MAX_CALENDAR_TOKENS) {
        throw new ConflictError(
          `At most ${MAX_CALENDAR_TOKENS} calendar tokens per person; revoke one first (DELETE /me/calendar-tokens/{id}).`,
          { code: 'calendar_token.limit_reached', params: { max: MAX_CALENDAR_TOKENS } },
        );
      }
      const created = em.create(CalendarToken, {
        user: meta.user.id,
        tokenHash: hashCalendarToken(token),
        label: dto.label ?? null,
      });
      await em.flush();
      await this.audit.recordPlatformChange(em, meta, {
        action: 'calendar_token.issued',
        entityType: 'CalendarToken',
        entityId: created.id,
        after: { label: created.label },
      });
      return created;
    });
    return {
      ...tokenSummary(row),
      token,
      feedPathTemplate: `/working-groups/{slug}/calendar.ics?token=${token}`,
    };
  }

  /** The caller's tokens, newest first (never the secrets). */
  async listTokens(meta: AuthenticatedMeta): Promise<CalendarTokenPageDto> {
    const rows = await this.em.find(
      CalendarToken,
      { user: meta.user.id },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: MAX_CALENDAR_TOKENS },
    );
    return { items: rows.map(tokenSummary), nextCursor: null };
  }

  /** Revokes one of the caller's tokens; another person's, or an unknown one, is a 404. */
  async revokeToken(id: string, meta: AuthenticatedMeta): Promise<void> {
    await this.em.transactional(async (em) => {
      const row = await em.findOne(
        CalendarToken,
        { id, user: meta.user.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!row) throw new NotFoundError('CalendarToken');
      const before = { label: row.label };
      em.remove(row);
      await em.flush();
      await this.audit.recordPlatformChange(em, meta, {
        action: 'calendar_token.revoked',
        entityType: 'CalendarToken',
        entityId: id,
        before,
      });
    });
  }

  /** An unknown token, or one of a disabled user, names nothing: 404 like an invisible group. */
  private async userForToken(token: string): Promise<AuthUser> {
    const row = await this.em.findOne(
      CalendarToken,
      { tokenHash: hashCalendarToken(token) },
      { populate: ['user'] },
    );
    const user: User | undefined = row?.user.getEntity();
    if (!user || user.disabled) throw new NotFoundError(NOT_FOUND_GROUP);
    return { id: user.id, role: user.role, sessionId: 'calendar-token' };
  }
}

/** An iTIP message (RFC 5546) for one attendee: the same event, with METHOD, ORGANIZER and ATTENDEE added. */
export interface CalendarInvitation {
  method: ICalCalendarMethod.REQUEST | ICalCalendarMethod.CANCEL;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * Stable UID per meeting and SEQUENCE = meeting.sequence, so calendar clients update events in place; times in
 * the meeting's own zone (TZID) with a VTIMEZONE, so recurring wall-clock times survive DST changes. Every
 * user-typed value goes through ics-text, since the library escapes only some properties (see there).
 */
export function renderCalendar(
  name: string,
  meetings: Meeting[],
  showOnlineUrl: boolean,
  invitation?: CalendarInvitation,
): string {
  const years = meetings.flatMap((m) => [m.startsAt.getUTCFullYear(), m.endsAt.getUTCFullYear()]);
  const [fromYear, toYear] = [Math.min(...years) - 1, Math.max(...years) + 1];
  const calendar: ICalCalendar = ical({
    name: icsRawText(name),
    prodId: { company: 'Convene', product: 'Meetings', language: 'EN' },
    // name null: no calendar-wide zone (DTSTAMP stays UTC); the generator still runs for each event's TZID.
    timezone: { name: null, generator: (zone) => buildVtimezone(zone, fromYear, toYear) },
    method: invitation?.method ?? null,
  });
  for (const m of meetings) {
    const url = showOnlineUrl && m.onlineUrl ? icsUri(m.onlineUrl) : null;
    const description = [m.description, url ? `Join online: ${m.onlineUrl}` : null]
      .filter(Boolean)
      .join('\n\n');
    calendar.createEvent({
      id: `${m.id}@convene`,
      sequence: m.sequence,
      start: new ZonedInstant(m.startsAt, m.timeZone),
      end: new ZonedInstant(m.endsAt, m.timeZone),
      timezone: m.timeZone,
      stamp: m.updatedAt,
      created: m.createdAt,
      lastModified: m.updatedAt,
      summary: icsText(m.title),
      description: description ? icsText(description) : null,
      location: m.location ? icsText(m.location) : url,
      url,
      status: m.status === MeetingStatus.Cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(invitation
        ? {
            organizer: { name: icsRawText(invitation.organizer.name), email: invitation.organizer.email },
            attendees: [{ email: invitation.attendee.email, name: icsRawText(invitation.attendee.name) }],
          }
        : {}),
    });
  }
  return withFinalCrlf(calendar.toString());
}

/** RFC 5545 §3.1: every content line ends with CRLF, the last one too (ical-generator omits the final one). */
const withFinalCrlf = (text: string): string => (text.endsWith('\r\n') ? text : `${text}\r\n`);
