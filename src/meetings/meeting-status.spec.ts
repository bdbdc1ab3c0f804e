import { MeetingStatus } from './meetings.enums';
import { canTransition, MEETING_TRANSITIONS } from './meeting-status';

describe('meeting status transitions', () => {
  it('follows draft → scheduled → live → concluded', () => {
    expect(canTransition(MeetingStatus.Draft, MeetingStatus.Scheduled)).toBe(true);
    expect(canTransition(MeetingStatus.Scheduled, MeetingStatus.Live)).toBe(true);
    expect(canTransition(MeetingStatus.Live, MeetingStatus.Concluded)).toBe(true);
  });

  it('cancels only from draft or scheduled', () => {
    expect(canTransition(MeetingStatus.Draft, MeetingStatus.Cancelled)).toBe(true);
    expect(canTransition(MeetingStatus.Scheduled, MeetingStatus.Cancelled)).toBe(true);
    expect(canTransition(MeetingStatus.Live, MeetingStatus.Cancelled)).toBe(false);
  });

  it('never skips a step, goes back, or leaves a final status', () => {
    expect(canTransition(MeetingStatus.Draft, MeetingStatus.Live)).toBe(false);
    expect(canTransition(MeetingStatus.Live, MeetingStatus.Scheduled)).toBe(false);
    expect(MEETING_TRANSITIONS[MeetingStatus.Concluded]).toEqual([]);
    expect(MEETING_TRANSITIONS[MeetingStatus.Cancelled]).toEqual([]);
  });
});
