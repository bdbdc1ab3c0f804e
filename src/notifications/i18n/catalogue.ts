/**
 * Message catalogues, one object per language and namespace (`titles`: the in-app title of each kind; `email`:
 * subjects, bodies, digests). TypeScript, not JSON, so the build needs no asset step and a missing key in a
 * translation is a type error (`Catalogue` is the English shape).
 */
import { enEmail } from './en/email';
import { enTitles } from './en/titles';
import { esEmail } from './es/email';
import { esTitles } from './es/titles';
import { frEmail } from './fr/email';
import { frTitles } from './fr/titles';

export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES = {
  en: { titles: enTitles, email: enEmail },
  es: { titles: esTitles, email: esEmail },
  fr: { titles: frTitles, email: frEmail },
} satisfies Record<Language, { titles: typeof enTitles; email: typeof enEmail }>;
