import i18next, { type i18n, type TOptions } from 'i18next';
import { CATALOGUES, Language, LANGUAGES } from './catalogue';

/**
 * Renders catalogue messages in a person's language, English when their `locale` has no catalogue (`pt-BR` → en,
 * `es-MX` → es) or a key is missing; dates and times with Intl in their locale and IANA zone.
 */
export class Translator {
  private readonly i18n: i18n;
  /** i18next's `t` with its overloads narrowed to the one used here (keys are plain strings of our catalogues). */
  private readonly translate: (key: string, options: TOptions) => string;

  constructor() {
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      resources: CATALOGUES,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: ['titles', 'email'],
      defaultNS: 'titles',
      initAsync: false,
      interpolation: { escapeValue: false }, // plain text here; HTML email escapes where it builds markup
      returnNull: false,
      showSupportNotice: false, // no advertisement in the server's logs
    });
    this.translate = this.i18n.t.bind(this.i18n) as unknown as (key: string, options: TOptions) => string;
  }

  /** The catalogue language for a BCP 47 locale. */
  static languageOf(locale: string | null | undefined): Language {
    const primary = (locale ?? 'en').toLowerCase().split(/[-_]/)[0];
    return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
  }

  t(locale: string | null | undefined, key: string, params: TOptions = {}): string {
    return this.translate(key, { ...params, lng: Translator.languageOf(locale) });
  }

  /** An instant as the person reads it, e.g. "Tuesday, 1 December 2026 at 14:00 CET". */
  static formatInstant(at: Date, locale: string | null | undefined, timeZone: string): string {
    return new Intl.DateTimeFormat(locale ?? 'en', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone,
      timeZoneName: undefined,
    }).format(at);
  }
}
