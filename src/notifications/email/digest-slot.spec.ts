import { DigestCadence } from '../notifications.enums';
import { digestSlot } from './digest-slot';

describe('digestSlot', () => {
  it('is the latest 08:00 in the zone at or before now', () => {
    // 2026-12-01 is a Tuesday; Paris is UTC+1 in winter, Mexico City UTC-6.
    expect(digestSlot(new Date('2026-12-01T07:00:00Z'), 'Europe/Paris', DigestCadence.Daily)).toEqual(
      new Date('2026-12-01T07:00:00Z'),
    );
    expect(digestSlot(new Date('2026-12-01T06:59:59Z'), 'Europe/Paris', DigestCadence.Daily)).toEqual(
      new Date('2026-11-30T07:00:00Z'),
    );
    expect(digestSlot(new Date('2026-12-01T13:00:00Z'), 'America/Mexico_City', DigestCadence.Daily)).toEqual(
      new Date('2026-11-30T14:00:00Z'),
    );
  });

  it('is Monday 08:00 for weekly digests', () => {
    expect(digestSlot(new Date('2026-12-06T20:00:00Z'), 'Europe/Paris', DigestCadence.Weekly)).toEqual(
      new Date('2026-11-30T07:00:00Z'),
    );
    expect(digestSlot(new Date('2026-11-30T07:00:00Z'), 'Europe/Paris', DigestCadence.Weekly)).toEqual(
      new Date('2026-11-30T07:00:00Z'),
    );
    expect(digestSlot(new Date('2026-11-30T06:00:00Z'), 'Europe/Paris', DigestCadence.Weekly)).toEqual(
      new Date('2026-11-23T07:00:00Z'),
    );
  });

  it('follows daylight saving time and falls back to UTC for an unknown zone', () => {
    // Paris is UTC+2 in summer.
    expect(digestSlot(new Date('2026-07-01T12:00:00Z'), 'Europe/Paris', DigestCadence.Daily)).toEqual(
      new Date('2026-07-01T06:00:00Z'),
    );
    expect(digestSlot(new Date('2026-07-01T12:00:00Z'), 'Not/AZone', DigestCadence.Daily)).toEqual(
      new Date('2026-07-01T08:00:00Z'),
    );
  });
});
