import { isBcp47Locale, isIanaTimeZone } from './validators';

describe('isIanaTimeZone', () => {
  it.each(['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Asia/Manila'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });
  it.each(['Mars/Olympus', '', 'Europe/Paris; drop table', 42, '+05:00'])('refuses %p', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});

describe('isBcp47Locale', () => {
  it('accepts language tags and refuses garbage', () => {
    expect(isBcp47Locale('pt-BR')).toBe(true);
    expect(isBcp47Locale('es')).toBe(true);
    expect(isBcp47Locale('not a locale')).toBe(false);
    expect(isBcp47Locale(7)).toBe(false);
  });
});
