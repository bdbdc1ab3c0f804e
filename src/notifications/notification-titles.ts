import { NotificationKind } from './notifications.enums';
import { Translator } from './i18n/translator';

/** Whom a title is rendered for: their language and zone (`User.locale`, `User.timeZone`). */
export interface Reader {
  locale: string;
  timeZone: string;
}

export interface TitleInput {
  kind: NotificationKind;
  params: Record<string, unknown>;
  actorName: string | null;
  /** The reader may no longer see what it is about: the generic `redacted` title. */
  redacted: boolean;
}

/** A calendar date (YYYY-MM-DD) as the reader reads it, e.g. "1 December 2026" / "1 de diciembre de 2026". */
function formatDate(value: unknown, locale: string): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const at = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

function formatInstant(value: unknown, reader: Reader): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  return Translator.formatInstant(at, reader.locale, reader.timeZone);
}

/**
 * The in-app title of a notification in its reader's language (English when the locale has no catalogue or the
 * catalogue lacks the key), from the `titles` catalogue, the kind's params and the actor's current name.
 */
export function renderTitle(translator: Translator, reader: Reader, input: TitleInput): string {
  // Dates in the locale when its language has a catalogue (es-MX keeps its own formats), else in English, so a
  // sentence never mixes two languages.
  const language = Translator.languageOf(reader.locale);
  const locale = reader.locale.toLowerCase().startsWith(language) ? reader.locale : language;
  reader = { ...reader, locale };
  if (input.redacted) return translator.t(locale, 'titles:redacted');
  const p = input.params;
  const role = typeof p.role === 'string' ? p.role : 'member';
  return translator.t(locale, `titles:${input.kind}`, {
    ...p,
    actorName: input.actorName ?? translator.t(locale, 'titles:someone'),
    when: formatInstant(p.startsAt, reader),
    previousWhen: formatInstant(p.previousStartsAt, reader),
    due: formatDate(p.dueDate, locale),
    closes: formatDate(p.closesAt, locale),
    periodStart: formatDate(p.periodStart, locale),
    periodEnd: formatDate(p.periodEnd, locale),
    roleName: translator.t(locale, `titles:role_${role}`),
  });
}
