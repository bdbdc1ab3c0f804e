import { Translator } from './translator';

describe('Translator', () => {
  it('maps a locale to its catalogue language, English when there is none', () => {
    expect(Translator.languageOf('es-MX')).toBe('es');
    expect(Translator.languageOf('fr_CA')).toBe('fr');
    expect(Translator.languageOf('pt-BR')).toBe('en');
    expect(Translator.languageOf(undefined)).toBe('en');
  });

  it('formats an instant in the person’s zone and locale', () => {
    const at = new Date('2026-12-01T13:00:00Z');
    expect(Translator.formatInstant(at, 'fr', 'Europe/Paris')).toBe('mardi 1 décembre 2026 à 14:00');
    expect(Translator.formatInstant(at, 'en', 'America/Mexico_City')).toBe(
      'Tuesday, December 1, 2026 at 7:00 AM',
    );
  });
});
