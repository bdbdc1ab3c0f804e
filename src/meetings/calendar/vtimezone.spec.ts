import { buildVtimezone, findTransitions } from './vtimezone';
import { offsetMinutes, ZonedInstant } from './zoned-time';

describe('time zone helpers', () => {
  it('reads offsets across the 2027 US daylight saving change', () => {
    expect(offsetMinutes(new Date('2027-03-10T15:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(new Date('2027-03-17T14:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2027-03-17T14:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('finds the exact transitions (2027-03-14 07:00Z and 2027-11-07 06:00Z in New York)', () => {
    const t = findTransitions('America/New_York', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1));
    expect(t.map((x) => [new Date(x.at).toISOString(), x.from, x.to])).toEqual([
      ['2027-03-14T07:00:00.000Z', -300, -240],
      ['2027-11-07T06:00:00.000Z', -240, -300],
    ]);
  });

  it('writes observances with local onsets and offsets', () => {
    const vtz = buildVtimezone('America/New_York', 2027, 2027);
    expect(vtz).toContain('TZID:America/New_York');
    expect(vtz).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400',
    );
    expect(vtz).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500',
    );
  });

  it('gives a zone without daylight saving a single observance', () => {
    const vtz = buildVtimezone('Asia/Tokyo', 2026, 2028);
    expect(vtz.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(vtz).toContain('TZOFFSETTO:+0900');
  });

  it('formats an instant as wall-clock time in its zone', () => {
    const z = new ZonedInstant(new Date('2027-03-17T14:00:00Z'), 'UTC').setZone('America/New_York');
    expect(`${z.toFormat('yyyyLLdd')}T${z.toFormat('HHmmss')}`).toBe('20270317T100000');
  });
});
