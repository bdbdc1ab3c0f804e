import { isCalendarDate, isIsoInstant, parseIsoInstant } from './dates';

describe('parseIsoInstant', () => {
  it.each([
    ['2026-05-01T14:00:00Z', '2026-05-01T14:00:00.000Z'],
    ['2026-05-01T14:00Z', '2026-05-01T14:00:00.000Z'],
    ['2026-05-01T14:00:00.123456Z', '2026-05-01T14:00:00.123Z'],
    ['2028-02-29T10:00:00-03:00', '2028-02-29T13:00:00.000Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseIsoInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a day the month lacks (rolled over by Date.parse)', '2027-02-30T10:00:00Z'],
    ['29 February of a common year', '2027-02-29T10:00:00Z'],
    ['31 April', '2027-04-31T10:00:00Z'],
    ['month 13', '2027-13-01T10:00:00Z'],
    ['day 0', '2027-01-00T10:00:00Z'],
    ['hour 24', '2027-03-01T24:00:00Z'],
    ['minute 60', '2027-03-01T10:60:00Z'],
    ['second 60', '2027-03-01T10:00:60Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['before 1900', '1899-12-31T23:59:59Z'],
    ['past 9999 once in UTC', '9999-12-31T23:00:00-05:00'],
    ['offset +99:99', '2027-03-01T10:00:00+99:99'],
    ['offset past 18 hours', '2027-03-01T10:00:00+19:00'],
    ['no offset (ambiguous local time)', '2027-03-01T10:00:00'],
    ['a bare date', '2027-03-01'],
    ['a six-digit year', '+275760-09-13T00:00:00Z'],
    ['trailing text', '2027-03-01T10:00:00Z; drop table'],
    ['a number', 1_700_000_000_000],
  ])('refuses %s', (_label, value) => {
    expect(parseIsoInstant(value)).toBeNull();
    expect(isIsoInstant(value)).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-06-30', '2028-02-29', '1900-01-01', '9999-12-31'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });
  it.each([
    '2027-02-30',
    '2027-02-29',
    '2027-04-31',
    '0000-01-01',
    '2027-00-10',
    '2027-1-5',
    '2027-03-01T00:00Z',
    20270301,
  ])('refuses %p', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });
});
