import { Meeting } from '../entities/meeting.entity';
import { MeetingFormat, MeetingStatus } from '../meetings.enums';
import { renderCalendar } from '../calendar.service';

const meeting = (fields: Partial<Meeting>): Meeting =>
  Object.assign(new Meeting(), {
    id: '7d2b8f0e-8f7e-4d7c-9d55-0f7f6f2f1a11',
    title: 'Session',
    description: null,
    format: MeetingFormat.Virtual,
    startsAt: new Date('2027-03-17T14:00:00Z'),
    endsAt: new Date('2027-03-17T15:00:00Z'),
    timeZone: 'America/New_York',
    location: null,
    onlineUrl: 'https://meet.example.org/s',
    status: MeetingStatus.Scheduled,
    sequence: 4,
    createdAt: new Date('2027-01-01T00:00:00Z'),
    updatedAt: new Date('2027-01-02T03:04:05Z'),
    ...fields,
  });

describe('renderCalendar', () => {
  it('writes UTC stamps, local times with TZID, sequence and status, and no calendar-wide zone', () => {
    const text = renderCalendar('Feed', [meeting({})], false);
    expect(text).toContain('DTSTAMP:20270102T030405Z');
    expect(text).toContain('DTSTART;TZID=America/New_York:20270317T100000');
    expect(text).toContain('DTEND;TZID=America/New_York:20270317T110000');
    expect(text).toContain('UID:7d2b8f0e-8f7e-4d7c-9d55-0f7f6f2f1a11@convene');
    expect(text).toContain('SEQUENCE:4');
    expect(text).toContain('STATUS:CONFIRMED');
    expect(text).not.toContain('X-WR-TIMEZONE');
    expect(text).not.toContain('meet.example.org');
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
  });

  it('marks cancelled meetings and shows the online URL to members', () => {
    const text = renderCalendar('Feed', [meeting({ status: MeetingStatus.Cancelled })], true);
    expect(text).toContain('STATUS:CANCELLED');
    expect(text).toContain('URL;VALUE=URI:https://meet.example.org/s');
  });

  it('renders an empty feed', () => {
    expect(renderCalendar('Empty', [], true)).toContain('BEGIN:VCALENDAR');
  });

  it('ends every line with CRLF, the last one too (RFC 5545 §3.1)', () => {
    for (const text of [renderCalendar('Feed', [meeting({})], true), renderCalendar('Empty', [], true)]) {
      expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });
});
