import { isoInZone } from './zoned-time';

describe('isoInZone', () => {
  it('renders an instant as RFC 3339 wall-clock time with the zone’s offset at that instant', () => {
    expect(isoInZone(new Date('2027-03-28T00:59:59Z'), 'Europe/Paris')).toBe('2027-03-28T01:59:59+01:00');
    expect(isoInZone(new Date('2027-03-28T01:00:00Z'), 'Europe/Paris')).toBe('2027-03-28T03:00:00+02:00');
    expect(isoInZone(new Date('2027-03-17T14:00:00Z'), 'America/New_York')).toBe('2027-03-17T10:00:00-04:00');
    expect(isoInZone(new Date('2027-01-01T00:00:00Z'), 'UTC')).toBe('2027-01-01T00:00:00+00:00');
    expect(isoInZone(new Date('2027-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2027-01-01T05:30:00+05:30');
    expect(isoInZone(new Date('2027-01-01T12:00:00.250Z'), 'UTC')).toBe('2027-01-01T12:00:00.250+00:00');
  });

  it('parses back to the same instant', () => {
    for (const iso of ['2027-03-28T01:30:00.000Z', '2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z']) {
      expect(new Date(isoInZone(new Date(iso), 'Europe/Paris')).toISOString()).toBe(iso);
    }
  });
});
