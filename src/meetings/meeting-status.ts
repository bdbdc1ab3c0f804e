import { MeetingStatus } from './meetings.enums';

/** The only moves a meeting's status may make; everything else is a 409 naming the allowed next statuses. */
export const MEETING_TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  [MeetingStatus.Draft]: [MeetingStatus.Scheduled, MeetingStatus.Cancelled],
  [MeetingStatus.Scheduled]: [MeetingStatus.Live, MeetingStatus.Cancelled],
  [MeetingStatus.Live]: [MeetingStatus.Concluded],
  [MeetingStatus.Concluded]: [],
  [MeetingStatus.Cancelled]: [],
};

export const canTransition = (from: MeetingStatus, to: MeetingStatus): boolean =>
  MEETING_TRANSITIONS[from].includes(to);

/** Statuses in which the meeting's details and agenda may still change. */
export const EDITABLE_STATUSES: readonly MeetingStatus[] = [
  MeetingStatus.Draft,
  MeetingStatus.Scheduled,
  MeetingStatus.Live,
];

/** Statuses in which members may answer an invitation. */
export const RSVP_STATUSES: readonly MeetingStatus[] = [MeetingStatus.Scheduled, MeetingStatus.Live];
