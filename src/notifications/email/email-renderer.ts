import { Translator } from '../i18n/translator';
import { DigestCadence, NotificationKind } from '../notifications.enums';
import type { MailRow } from './email.queries';

/** The parts of one email, before addressing. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Params that are instants (shown in the reader's zone and locale) and calendar dates (shown as dates). */
const INSTANT_PARAMS = ['startsAt', 'previousStartsAt', 'closesAt'];
const DATE_PARAMS = ['dueDate', 'periodStart', 'periodEnd'];
const URL_MARK = '\u0000url\u0000';

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const localeOr = (locale: string): string => {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
};

/**
 * Renders notification emails and digests from the `email` catalogue, in the recipient's language and zone. The
 * text part is the message; the HTML part is the same text, every piece of it escaped (params are user-typed).
 */
export class EmailRenderer {
  private readonly translator = new Translator();

  /** One notification as two lines: its subject and its body, in the reader's language and zone. */
  item(row: MailRow): { subject: string; body: string } {
    const params = this.params(row);
    const subject = this.t(row, `${row.kind}_subject`, params);
    let body = this.t(row, `${row.kind}_body`, params);
    if (row.kind === NotificationKind.MeetingCancelled && row.params.reason)
      body = `${body} ${this.t(row, 'reason', params)}`;
    return { subject, body };
  }

  immediate(row: MailRow, unsubscribeUrl: string, withInvitation: boolean): RenderedEmail {
    const { subject, body } = this.item(row);
    const paragraphs = [
      this.t(row, 'greeting', { name: row.display_name }),
      body,
      ...(withInvitation ? [this.t(row, 'invitation_attached')] : []),
    ];
    const footer = this.t(row, 'unsubscribe_kind', { url: URL_MARK });
    return { subject, ...this.compose(row, paragraphs, [], footer, unsubscribeUrl) };
  }

  digest(cadence: DigestCadence, rows: MailRow[], unsubscribeUrl: string): RenderedEmail {
    const reader = rows[0];
    const subjectKey = cadence === DigestCadence.Weekly ? 'digest_weekly_subject' : 'digest_daily_subject';
    const groups = new Map<string, { subject: string; body: string }[]>();
    for (const row of rows) {
      const name =
        typeof row.params.groupName === 'string' ? row.params.groupName : this.t(row, 'digest_platform');
      groups.set(name, [...(groups.get(name) ?? []), this.item(row)]);
    }
    const sections = [...groups].map(([title, items]) => ({ title, items }));
    const footer = this.t(reader, 'unsubscribe_all', { url: URL_MARK });
    return {
      subject: this.t(reader, subjectKey, { n: rows.length }),
      ...this.compose(
        reader,
        [this.t(reader, 'greeting', { name: reader.display_name }), this.t(reader, 'digest_intro')],
        sections,
        footer,
        unsubscribeUrl,
      ),
    };
  }

  private compose(
    reader: MailRow,
    paragraphs: string[],
    sections: { title: string; items: { subject: string; body: string }[] }[],
    footer: string,
    url: string,
  ): { text: string; html: string } {
    const text = [
      ...paragraphs,
      ...sections.map((s) =>
        [`== ${s.title} ==`, ...s.items.map((i) => `- ${i.subject}\n  ${i.body}`)].join('\n'),
      ),
      '--',
      footer.replace(URL_MARK, url),
    ].join('\n\n');
    const link = `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    const html = [
      `<!doctype html><html lang="${escapeHtml(Translator.languageOf(reader.locale))}"><body>`,
      ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
      ...sections.map(
        (s) =>
          `<h2>${escapeHtml(s.title)}</h2><ul>${s.items
            .map((i) => `<li><strong>${escapeHtml(i.subject)}</strong><br>${escapeHtml(i.body)}</li>`)
            .join('')}</ul>`,
      ),
      `<hr><p style="font-size:small;color:#555">${escapeHtml(footer).replace(URL_MARK, link)}</p>`,
      '</body></html>',
    ].join('\n');
    return { text, html };
  }

  private params(row: MailRow): Record<string, unknown> {
    const locale = localeOr(row.locale);
    const out: Record<string, unknown> = { ...row.params, actor: row.actor_name ?? this.t(row, 'someone') };
    for (const key of INSTANT_PARAMS) {
      const value = row.params[key];
      if (typeof value === 'string')
        out[key] = Translator.formatInstant(new Date(value), locale, zoneOr(row.time_zone));
    }
    for (const key of DATE_PARAMS) {
      const value = row.params[key];
      if (typeof value === 'string')
        out[key] = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${value}T00:00:00Z`),
        );
    }
    return out;
  }

  private t(row: MailRow, key: string, params: Record<string, unknown> = {}): string {
    return this.translator.t(row.locale, `email:${key}`, params);
  }
}

function zoneOr(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
