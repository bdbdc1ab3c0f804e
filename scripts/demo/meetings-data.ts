import { MeetingFormat, RsvpStatus } from '../../src/meetings/meetings.enums';

/**
 * Shapes of the demo sessions (the data itself is in past-sessions.ts and upcoming-sessions.ts). People are the
 * demo accounts of data.ts, named by email; topics are generic themes of OGP working groups, and the minutes
 * describe demo sessions, not real meetings or anything a real person said.
 */
export interface DemoAgendaItem {
  title: string;
  description: string;
  durationMinutes: number;
  /** Email of the presenting demo account (an active member of the group). */
  presenter: string;
}

export interface DemoSession {
  /** Natural key within the group: a second run finds the meeting by (group, title). No dates in titles. */
  title: string;
  description: string;
  format: MeetingFormat;
  /** The IANA zone of the hosting anchor government's country. */
  timeZone: string;
  /**
   * Calendar days from the day the seed first runs (negative: in the past), so a fresh database always shows a
   * recent past session and an upcoming one. Later runs find the meeting by title and never move it.
   */
  dayOffset: number;
  /** Local wall-clock start in `timeZone`, `HH:MM`. */
  localStart: string;
  durationMinutes: number;
  location?: string;
  onlineUrl?: string;
  capacity?: number;
  /** Email of the anchor who schedules the session (and, for a past one, runs it and writes the minutes). */
  host: string;
  agenda: DemoAgendaItem[];
  rsvps: { email: string; status: RsvpStatus.Going | RsvpStatus.Maybe }[];
}

export interface DemoActionItem {
  title: string;
  assignee: string;
  /** Due date in calendar days from the day the seed runs. */
  dueInDays: number;
}

export interface DemoPastSession extends DemoSession {
  /** Who joined the live session (emails), in joining order. */
  attendees: string[];
  minutes: { body: string; decisions: string[]; actionItems: DemoActionItem[] };
}

/** The (fictional) video-conference room of a group's online sessions. */
export const onlineRoom = (slug: string, session: string): string =>
  `https://meet.demo.convene.example/${slug}/${session}`;

/** Venue text for in-person and hybrid sessions: a city, no invented address. */
export const venue = (city: string): string => `${city} (venue details are sent to members who RSVP)`;
