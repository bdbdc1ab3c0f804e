import ICAL from 'ical.js';
import { Meeting } from '../entities/meeting.entity';
import { MeetingFormat, MeetingStatus } from '../meetings.enums';
import { renderCalendar } from '../calendar.service';
import { asIcsText, calendarText, expectWellFolded, HOSTILE_TEXT } from '../../../test/support/ics';

const meeting = (id: string, text: string, onlineUrl: string): Meeting =>
  Object.assign(new Meeting(), {
    id,
    title: text,
    description: text,
    format: MeetingFormat.Hybrid,
    startsAt: new Date('2027-03-17T14:00:00Z'),
    endsAt: new Date('2027-03-17T15:00:00Z'),
    timeZone: 'Europe/Paris',
    location: text,
    onlineUrl,
    status: MeetingStatus.Scheduled,
    sequence: 0,
    createdAt: new Date('2027-01-01T00:00:00Z'),
    updatedAt: new Date('2027-01-02T03:04:05Z'),
  });

describe('renderCalendar escaping (RFC 5545 §3.3.11)', () => {
  const url = 'https://meet.example.org/a;b,c';
  it.each(Object.entries(HOSTILE_TEXT))('keeps %s text inside its own property', (_case, text) => {
    const ids = ['7d2b8f0e-8f7e-4d7c-9d55-0f7f6f2f1a11', '7d2b8f0e-8f7e-4d7c-9d55-0f7f6f2f1a12'];
    const ics = renderCalendar(text, [meeting(ids[0], text, url), meeting(ids[1], text, url)], true);
    expectWellFolded(ics);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(2);
    expect(ics).not.toMatch(/(^|\r\n)(BEGIN|END):VALARM\r\n/); // the words may appear, as escaped text
    expect(calendarText(calendar, 'name')).toBe(asIcsText(text));
    expect(calendarText(calendar, 'x-wr-calname')).toBe(asIcsText(text));
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
      expect(vevent.getAllSubcomponents()).toHaveLength(0);
      expect(vevent.getFirstPropertyValue('summary')).toBe(asIcsText(text));
      expect(vevent.getFirstPropertyValue('location')).toBe(asIcsText(text));
      expect(vevent.getFirstPropertyValue('description')).toBe(`${asIcsText(text)}\n\nJoin online: ${url}`);
      // URI values are not TEXT-escaped (§3.3.13): `;` and `,` are percent-encoded so the link still works.
      expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.org/a%3Bb%2Cc');
    }
    expect(ids.map((id) => `${id}@convene`)).toEqual(
      calendar.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid')),
    );
  });

  it('drops control characters that TEXT cannot carry and never writes a bare line break in a URI', () => {
    const ics = renderCalendar(
      'a\u0000b\u001bc\u007fd\te',
      [
        meeting(
          '7d2b8f0e-8f7e-4d7c-9d55-0f7f6f2f1a11',
          'x\u0007y',
          'https://meet.example.org/\r\nBEGIN:VALARM',
        ),
      ],
      true,
    );
    expectWellFolded(ics);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendarText(calendar, 'name')).toBe('abcd\te');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe('xy');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.org/%0D%0ABEGIN:VALARM');
    expect(vevent.getAllSubcomponents()).toHaveLength(0);
  });
});
