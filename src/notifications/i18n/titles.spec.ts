import { NotificationKind } from '../notifications.enums';
import { renderTitle } from '../notification-titles';
import { CATALOGUES, LANGUAGES } from './catalogue';
import { Translator } from './translator';

/** Every kind has an in-app title in every language, and each renders without a placeholder left over. */
describe('titles catalogue', () => {
  const translator = new Translator();
  const params: Record<string, unknown> = {
    groupName: 'Open data',
    channelName: 'general',
    excerpt: 'hello',
    requesterName: 'Ana',
    role: 'anchor',
    meetingTitle: 'Kick-off',
    startsAt: '2026-12-01T13:00:00.000Z',
    previousStartsAt: '2026-11-30T13:00:00.000Z',
    timeZone: 'Europe/Paris',
    reason: null,
    lead: '24h',
    itemTitle: 'Budget',
    dueDate: '2026-12-02',
    documentTitle: 'Roadmap',
    versionNumber: 2,
    areaTitle: 'Beneficial ownership',
    closesAt: '2026-12-03T00:00:00.000Z',
    proposalName: 'Climate',
    decision: 'approved',
    periodStart: '2026-01-01',
    periodEnd: '2026-07-01',
  };
  const kinds = Object.values(NotificationKind);

  it.each(LANGUAGES)('%s has a title for every kind, the redacted title and every role', (language) => {
    const titles = CATALOGUES[language].titles as Record<string, string>;
    for (const key of [...kinds, 'redacted', 'someone', 'role_anchor', 'role_member', 'role_observer']) {
      expect({ key, title: titles[key] }).toEqual({ key, title: expect.stringMatching(/\S/) });
    }
    // Nothing more than that either (a stale key is a kind that was renamed).
    expect(Object.keys(titles).length).toBe(kinds.length + 5);
  });

  it.each(LANGUAGES)('%s renders every kind with every placeholder filled', (language) => {
    for (const kind of kinds) {
      const title = renderTitle(
        translator,
        { locale: language, timeZone: 'Europe/Paris' },
        { kind, params, actorName: 'Bea', redacted: false },
      );
      expect({ kind, title }).toEqual({ kind, title: expect.not.stringMatching(/\{\{|undefined|titles:/) });
    }
  });

  it('renders in the reader’s language and zone, English for a locale without a catalogue', () => {
    const scheduled = (locale: string) =>
      renderTitle(
        translator,
        { locale, timeZone: 'America/Mexico_City' },
        { kind: NotificationKind.MeetingScheduled, params, actorName: null, redacted: false },
      );
    expect(scheduled('en')).toBe(
      'New meeting in Open data: “Kick-off”, Tuesday, December 1, 2026 at 7:00 AM',
    );
    expect(scheduled('es-MX')).toMatch(
      /^Nueva reunión en Open data: «Kick-off», martes, 1 de diciembre de 2026/,
    );
    expect(scheduled('fr')).toMatch(/^Nouvelle réunion dans Open data : « Kick-off », mardi 1 décembre 2026/);
    expect(scheduled('pt-BR')).toBe(scheduled('en'));
    const invited = renderTitle(
      translator,
      { locale: 'es', timeZone: 'UTC' },
      { kind: NotificationKind.Invited, params, actorName: null, redacted: false },
    );
    expect(invited).toBe('Alguien te invitó a unirte a Open data como ancla');
  });

  it('a redacted notification has the generic title only', () => {
    const title = renderTitle(
      translator,
      { locale: 'fr', timeZone: 'UTC' },
      { kind: NotificationKind.Mention, params, actorName: 'Bea', redacted: true },
    );
    expect(title).toBe('Une notification sur un contenu que vous ne pouvez plus voir');
  });
});
