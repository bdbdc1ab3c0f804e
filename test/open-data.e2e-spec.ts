import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { GroupVisibility } from '../src/groups/groups.enums';
import { Attendance } from '../src/meetings/entities/attendance.entity';
import { Minutes } from '../src/meetings/entities/minutes.entity';
import { MeetingStatus, MinutesStatus } from '../src/meetings/meetings.enums';
import { camelCase, OPEN_DATA_COLUMNS } from '../src/open-data/columns';
import { OpenDataEntity } from '../src/open-data/open-data.enums';
import { proposeArea, takePosition } from './factories/consensus';
import { insertCommitment } from './factories/cooperation';
import { addMember, createGroupCast, GroupCast } from './factories/groups';
import { createCivilSociety } from './factories/organizations';
import { createUser } from './factories/users';
import { insertMeeting } from './factories/meetings';
import { createTestApp, TestApp } from './support/test-app';

const HOUR = 3_600_000;
const csvOf = (text: string): string[][] => parse(text, { relax_column_count: false });

/** The column tables of docs/open-data.md, by entity: the published contract. */
function documentedColumns(): Record<string, string[]> {
  const text = readFileSync(join(__dirname, '..', 'docs', 'open-data.md'), 'utf8');
  const tables: Record<string, string[]> = {};
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const heading = /^### `([a-z_]+)`/.exec(line);
    if (heading) current = tables[heading[1]] ? null : ((tables[heading[1]] = []), heading[1]);
    const row = /^\| `([a-z_]+)` \| `([A-Za-z]+)` \|/.exec(line);
    if (row && current) tables[current].push(row[1]);
  }
  return tables;
}

describe('open data', () => {
  let t: TestApp;
  let cast: GroupCast;
  let hidden: GroupCast;
  let heldId: string;
  let adoptedId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createGroupCast(t, { slug: 'open-data-public', name: 'Open Data, "Public"' });
    hidden = await createGroupCast(t, { slug: 'open-data-hidden', visibility: GroupVisibility.Members });
    const em = t.em();
    const start = new Date(Date.UTC(2026, 4, 1, 14));
    const held = await insertMeeting(t, cast.group, cast.governmentAnchor, {
      title: 'Held, with "quotes"\nand a line break',
      status: MeetingStatus.Concluded,
      startsAt: start,
      endsAt: new Date(start.getTime() + HOUR),
    });
    heldId = held.id;
    await insertMeeting(t, cast.group, cast.governmentAnchor, {
      title: 'Still a draft',
      status: MeetingStatus.Draft,
    });
    await insertMeeting(t, cast.group, cast.governmentAnchor, {
      title: 'Upcoming',
      status: MeetingStatus.Scheduled,
    });
    const secret = await insertMeeting(t, hidden.group, hidden.governmentAnchor, {
      title: 'Members-only session',
      status: MeetingStatus.Concluded,
    });
    em.create(Attendance, {
      meeting: held.id,
      user: cast.member.id,
      firstJoinedAt: start,
      lastSeenAt: start,
    });
    em.create(Attendance, {
      meeting: held.id,
      user: cast.observer.id,
      firstJoinedAt: start,
      lastSeenAt: start,
    });
    em.create(Minutes, {
      meeting: held.id,
      body: 'Minutes body',
      decisions: ['Adopt the roadmap; publish it', 'Meet again in June'],
      status: MinutesStatus.Published,
      publishedAt: new Date(start.getTime() + 2 * HOUR),
      updatedBy: cast.governmentAnchor.id,
    });
    em.create(Minutes, {
      meeting: secret.id,
      body: 'Secret minutes',
      decisions: ['A members-only decision'],
      status: MinutesStatus.Published,
      publishedAt: new Date(),
      updatedBy: hidden.governmentAnchor.id,
    });
    await em.flush();

    // Priority areas: one adopted with positions from both sides (and one of an unverified affiliation), one
    // still proposed; the members-only group's adopted area stays private.
    const unverified = await createUser(t, {
      organizationId: (await createCivilSociety(t)).id,
      affiliationVerified: false,
    });
    await addMember(t, cast.group, unverified);
    const area = await proposeArea(t, cast.member, cast.group.slug, { title: 'Beneficial ownership' });
    adoptedId = area.id as string;
    await takePosition(t, cast.governmentAnchor, adoptedId, 'agree');
    await takePosition(t, cast.civilSocietyAnchor, adoptedId, 'agree');
    await takePosition(t, cast.member, adoptedId, 'abstain');
    await takePosition(t, unverified, adoptedId, 'agree');
    await t.http
      .post(`/priority-areas/${adoptedId}/adopt`)
      .set(cast.governmentAnchor.auth)
      .send({ outcome: 'Registers open by 2027', reviewOn: '2027-01-15' })
      .expect(200);
    await proposeArea(t, cast.member, cast.group.slug, { title: 'Still proposed' });
    const secretArea = await proposeArea(t, hidden.member, hidden.group.slug, { title: 'Members-only area' });
    await t
      .em()
      .execute(`update priority_area set status = 'adopted', adopted_at = now() where id = ?`, [
        secretArea.id,
      ]);
    await insertCommitment(t, cast.group.id, cast.governmentAnchor.id, {
      country: 'MX',
      reference: 'MX0101',
      title: 'Open, "contracting"',
    });
    await insertCommitment(t, hidden.group.id, hidden.governmentAnchor.id, {
      title: 'Members-only commitment',
    });
  });
  afterAll(() => t.close());

  it('documents exactly the columns it publishes, in order (docs/open-data.md)', () => {
    const documented = documentedColumns();
    expect(Object.keys(documented).sort()).toEqual(Object.values(OpenDataEntity).sort());
    for (const entity of Object.values(OpenDataEntity)) {
      expect(documented[entity]).toEqual(OPEN_DATA_COLUMNS[entity].map((c) => c.name));
    }
  });

  it('publishes public groups with their anchors’ organisations, and nothing of a members-only group', async () => {
    const res = await t.http.get('/open-data/groups').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(Object.keys(res.body).sort()).toEqual(
      ['generatedAt', ...Object.values(OpenDataEntity).map(camelCase)].sort(),
    );
    const slugs = (res.body.groups as { slug: string }[]).map((g) => g.slug);
    expect(slugs).toContain('open-data-public');
    expect(slugs).not.toContain('open-data-hidden');
    const group = (res.body.groups as Record<string, unknown>[]).find((g) => g.slug === 'open-data-public');
    expect(Object.keys(group!)).toEqual(OPEN_DATA_COLUMNS.groups.map((c) => camelCase(c.name)));
    expect(group).toMatchObject({ name: 'Open Data, "Public"', meetingsHeld: 1, memberCountries: ['BR'] });
    expect((group!.governmentAnchorOrganizations as string[]).length).toBe(1);
    expect((group!.civilSocietyAnchorOrganizations as string[]).length).toBe(1);
    const text = JSON.stringify(res.body);
    for (const secret of ['Members-only area', 'Members-only commitment']) expect(text).not.toContain(secret);
    expect(group).toMatchObject({ priorityAreasAdopted: 1, commitments: 1 });
    expect(text).not.toContain('Members-only session');
    expect(text).not.toContain('A members-only decision');
  });

  it('publishes concluded meetings only, and the decisions of published minutes one row each', async () => {
    const res = await t.http.get('/open-data/groups?entity=meetings').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['generatedAt', 'meetings']);
    const mine = (res.body.meetings as Record<string, unknown>[]).filter(
      (m) => m.groupSlug === 'open-data-public',
    );
    expect(mine).toEqual([
      {
        id: heldId,
        groupSlug: 'open-data-public',
        title: 'Held, with "quotes"\nand a line break',
        format: 'virtual',
        startsAt: '2026-05-01T14:00:00.000Z',
        endsAt: '2026-05-01T15:00:00.000Z',
        timeZone: 'Europe/Paris',
        attendeeCount: 2,
        minutesPublishedAt: '2026-05-01T16:00:00.000Z',
      },
    ]);
    const minutes = (await t.http.get('/open-data/groups?entity=minutes').expect(200)).body.minutes;
    expect(minutes).toEqual([
      expect.objectContaining({
        meetingId: heldId,
        decisionNumber: 1,
        decision: 'Adopt the roadmap; publish it',
      }),
      expect.objectContaining({ meetingId: heldId, decisionNumber: 2, decision: 'Meet again in June' }),
    ]);
  });

  it('publishes adopted priority areas with the consensus context’s own tally by constituency', async () => {
    const res = await t.http.get('/open-data/groups?entity=priority_areas').expect(200);
    const area = await t.http.get(`/priority-areas/${adoptedId}`).set(cast.member.auth).expect(200);
    expect(res.body.priorityAreas).toEqual([
      expect.objectContaining({
        id: adoptedId,
        groupSlug: 'open-data-public',
        title: 'Beneficial ownership',
        outcome: 'Registers open by 2027',
        reviewOn: '2027-01-15',
        overrideReason: null,
        governmentAgree: 1,
        governmentAbstain: 0,
        governmentObject: 0,
        governmentMembers: 1,
        governmentResponded: 1,
        civilSocietyAgree: 1,
        civilSocietyAbstain: 1,
        civilSocietyMembers: 2,
        civilSocietyResponded: 2,
        otherAgree: 0,
        otherMembers: 0,
        unverifiedAgree: 1,
        unverifiedAbstain: 0,
      }),
    ]);
    // The same numbers as the area's own answer (one tally).
    const published = res.body.priorityAreas[0] as Record<string, number>;
    for (const side of ['government', 'civil_society', 'other'] as const) {
      const own = area.body.tally[side] as Record<string, number>;
      for (const key of ['agree', 'abstain', 'object', 'members', 'responded']) {
        expect([side, key, published[camelCase(`${side}_${key}`)]]).toEqual([side, key, own[key]]);
      }
    }
    const csv = csvOf(
      (await t.http.get('/open-data/groups?format=csv&entity=priority_areas').expect(200)).text,
    );
    expect(csv[0]).toEqual(OPEN_DATA_COLUMNS.priority_areas.map((c) => c.name));
    expect(csv[1][csv[0].indexOf('review_on')]).toBe('2027-01-15');
    expect(csv[1][csv[0].indexOf('override_reason')]).toBe('');
  });

  it('publishes the commitments of public groups', async () => {
    const rows = csvOf(
      (await t.http.get('/open-data/groups?format=csv&entity=commitments').expect(200)).text,
    );
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0].map((name, i) => [name, rows[1][i]]));
    expect(row).toMatchObject({
      group_slug: 'open-data-public',
      country: 'MX',
      reference: 'MX0101',
      title: 'Open, "contracting"',
      status: 'not_started',
      url: '',
    });
  });

  it('never publishes emails, people’s names or online links', async () => {
    const json = JSON.stringify((await t.http.get('/open-data/groups').expect(200)).body);
    const csv = await Promise.all(
      Object.values(OpenDataEntity).map(
        async (e) => (await t.http.get(`/open-data/groups?format=csv&entity=${e}`)).text,
      ),
    );
    for (const text of [json, ...csv]) {
      for (const person of [cast.governmentAnchor, cast.civilSocietyAnchor, cast.member, cast.observer]) {
        expect(text).not.toContain(person.email);
        expect(text).not.toContain(person.displayName);
      }
      expect(text).not.toContain('meet.example.org');
      expect(text).not.toContain('Room 1');
    }
  });

  it('answers RFC 4180 CSV for ?format=csv and for Accept: text/csv, with the documented header', async () => {
    const byQuery = await t.http.get('/open-data/groups?format=csv&entity=meetings').expect(200);
    const byAccept = await t.http
      .get('/open-data/groups?entity=meetings')
      .set('Accept', 'text/csv')
      .expect(200);
    for (const res of [byQuery, byAccept]) {
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers['content-disposition']).toBe('attachment; filename="convene-meetings.csv"');
      expect(res.text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = csvOf(res.text);
      expect(header).toEqual(OPEN_DATA_COLUMNS.meetings.map((c) => c.name));
      const held = rows.find((r) => r[0] === heldId)!;
      expect(held[2]).toBe('Held, with "quotes"\nand a line break');
      expect(held[7]).toBe('2');
    }
    const groups = csvOf((await t.http.get('/open-data/groups?format=csv&entity=groups').expect(200)).text);
    const row = groups.find((r) => r[0] === 'open-data-public')!;
    expect(row[1]).toBe('Open Data, "Public"');
    expect(row[7]).toBe('BR');
    // The client's preference decides (quality, then order); JSON for */* and when CSV is not preferred.
    const lower = await t.http
      .get('/open-data/groups?entity=groups')
      .set('Accept', 'text/csv;q=0.5, application/json');
    expect(lower.headers['content-type']).toMatch(/^application\/json/);
    const first = await t.http
      .get('/open-data/groups?entity=groups')
      .set('Accept', 'text/csv, application/json');
    expect(first.headers['content-type']).toMatch(/^text\/csv/);
    expect((await t.http.get('/open-data/groups').set('Accept', '*/*')).headers['content-type']).toMatch(
      /^application\/json/,
    );
  });

  it('refuses CSV without an entity, and bad query values, with 422 and the field', async () => {
    const res = await t.http.get('/open-data/groups?format=csv').expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'open_data.entity_required', errors: [{ path: 'entity' }] });
    expect(res.body.params.entities).toEqual(Object.values(OpenDataEntity));
    const accept = await t.http
      .get('/working-groups/open-data-public/export')
      .set('Accept', 'text/csv')
      .expect(422);
    expect(accept.body.code).toBe('open_data.entity_required');
    for (const query of ['format=xml', 'entity=users', 'entity=groups&entity=meetings', 'unknown=1']) {
      const bad = await t.http.get(`/open-data/groups?${query}`);
      expect({ query, status: bad.status }).toEqual({ query, status: 422 });
    }
  });

  it("exports one public group's facts, and 404s a members-only group even for its members", async () => {
    const res = await t.http.get('/working-groups/open-data-public/export').expect(200);
    expect(res.body.groups.map((g: { slug: string }) => g.slug)).toEqual(['open-data-public']);
    expect(res.body.meetings.map((m: { id: string }) => m.id)).toEqual([heldId]);
    const csv = await t.http
      .get('/working-groups/open-data-public/export?format=csv&entity=minutes')
      .expect(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="open-data-public-minutes.csv"');
    expect(csvOf(csv.text)).toHaveLength(3);
    for (const auth of [{}, hidden.member.auth, hidden.governmentAnchor.auth, hidden.admin.auth]) {
      const refused = await t.http.get('/working-groups/open-data-hidden/export').set(auth).expect(404);
      expect(refused.body.code).toBe('resource.not_found');
    }
    await t.http.get('/working-groups/no-such-group/export').expect(404);
  });
});
