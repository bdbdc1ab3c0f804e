import { randomBytes } from 'node:crypto';
import { createGroupCast, GroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { createGovernment } from './factories/organizations';
import { DEFAULT_PASSWORD, TestUser } from './factories/users';
import { mustRefuse, percentEncode, queryPair, valuesFor } from './support/hostile-values';
import {
  bodyWith,
  dotted,
  FuzzOperation,
  OpenApiDocument,
  operationsOf,
  sampleObject,
  Seeds,
} from './support/openapi-fuzz';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Bad input is a 4xx, never a 5xx: every string, date and number field of every route's body, query and path,
 * as the served OpenAPI document lists them, receives every hostile value, on top of an otherwise valid request
 * (so the value gets past the other fields' rules and reaches the service and the database). Callers alternate
 * between an admin and an anchor of the group so both reach the routes they may use.
 */

interface Fixtures {
  cast: GroupCast;
  meetingId: string;
  agendaItemId: string;
  actionItemId: string;
  channelId: string;
  organizationId: string;
}

const unique = (): string => randomBytes(5).toString('hex');
const HOUR = 3_600_000;

function seedsFor(f: Fixtures): Seeds {
  const startsAt = new Date(Date.now() + 72 * HOUR);
  const values: Seeds['values'] = {
    email: () => `fuzz-${unique()}@example.org`,
    password: () => DEFAULT_PASSWORD,
    // Wrong on purpose: a hostile value that happens to be a valid password must not change the caller's.
    currentPassword: () => 'not-the-current-password',
    // Never a real token, so a fuzzed logout cannot end the caller's session.
    refreshToken: () => 'not-a-refresh-token',
    onlineUrl: () => 'https://meet.example.org/fuzz',
    startsAt: () => startsAt.toISOString(),
    endsAt: () => new Date(startsAt.getTime() + HOUR).toISOString(),
    slug: () => `fuzz-${unique()}`,
    location: () => 'Room 1',
    assigneeId: () => f.cast.member.id,
    presenterId: () => f.cast.governmentAnchor.id,
    userId: () => f.cast.outsider.id,
    organizationId: () => f.organizationId,
    itemIds: () => [f.agendaItemId],
    // The first enum values (in_person, government) need fields that are optional for other values.
    format: () => 'virtual',
    kind: () => 'multilateral',
  };
  return { values, alwaysSent: new Set(['onlineUrl']) };
}

/** Real ids for path parameters, by the collection the parameter sits under. */
function pathValue(f: Fixtures, template: string, param: string): string {
  if (param === 'slug') return f.cast.group.slug;
  if (param === 'userId') return f.cast.member.id;
  const collection = template.split('/')[1];
  const ids: Record<string, string> = {
    users: f.cast.outsider.id,
    organizations: f.organizationId,
    meetings: f.meetingId,
    'agenda-items': f.agendaItemId,
    'action-items': f.actionItemId,
    channels: f.channelId,
  };
  return ids[collection ?? ''] ?? '00000000-0000-4000-8000-000000000000';
}

/** Routes that change standing (status, deletion, publication) run last, so earlier routes find live fixtures. */
const runsLast = (op: FuzzOperation): boolean =>
  op.method === 'delete' || /\/(status|publish|logout)$/.test(op.template);

const CONCURRENCY = 8;

async function inPool(tasks: (() => Promise<void>)[], size: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: size }, worker));
}

describe('hostile input (OpenAPI-driven)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let f: Fixtures;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    const cast = await createGroupCast(t);
    const anchor = cast.governmentAnchor;
    const meeting = await insertMeeting(t, cast.group, anchor);
    const agenda = await t.http
      .post(`/meetings/${meeting.id}/agenda-items`)
      .set(anchor.auth)
      .send({ title: 'Fuzzed item', durationMinutes: 10 })
      .expect(201);
    const minutes = await t.http
      .put(`/meetings/${meeting.id}/minutes`)
      .set(anchor.auth)
      .send({
        body: 'Notes',
        decisions: [],
        actionItems: [{ title: 'Follow up', assigneeId: cast.member.id, dueDate: '2027-01-15' }],
      })
      .expect(200);
    const channels = await t.http
      .get(`/working-groups/${cast.group.slug}/channels`)
      .set(anchor.auth)
      .expect(200);
    f = {
      cast,
      meetingId: meeting.id,
      agendaItemId: agenda.body.id as string,
      actionItemId: minutes.body.actionItems[0].id as string,
      channelId: channels.body.items[0].id as string,
      organizationId: (await createGovernment(t)).id,
    };
  });
  afterAll(() => t.close());

  it('reads every route of the document, with its body, query and path fields', () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(40);
    const targets = operations.flatMap((op) =>
      op.targets.map((x) => `${op.template} ${x.in}:${dotted(x.path)}`),
    );
    expect(targets).toEqual(
      expect.arrayContaining([
        '/auth/login body:email',
        '/meetings/{id}/minutes body:actionItems[0].dueDate',
        '/working-groups/{slug}/meetings query:from',
        '/working-groups/{slug} path:slug',
      ]),
    );
  });

  it('answers every hostile value in every field with a 4xx (never a 5xx), refusing the ones it must', async () => {
    const seeds = seedsFor(f);
    const callers: TestUser[] = [f.cast.admin, f.cast.governmentAnchor];
    const operations = operationsOf(doc).sort((a, b) => Number(runsLast(a)) - Number(runsLast(b)));
    const serverErrors: string[] = [];
    const accepted: string[] = [];
    const pathless: string[] = [];
    let turn = 0;
    let fieldTurn = 0;
    for (const op of operations) {
      const requests = op.targets.flatMap((target) =>
        valuesFor(target, fieldTurn++).map((hostile) => async () => {
          const caller = callers[turn++ % callers.length];
          const url = op.template.replace(/\{(\w+)\}/g, (_, name: string) =>
            target.in === 'path' && target.path[0] === name
              ? percentEncode(
                  typeof hostile.value === 'string' ? hostile.value : JSON.stringify(hostile.value),
                )
              : pathValue(f, op.template, name),
          );
          const query = target.in === 'query' ? `?${queryPair(String(target.path[0]), hostile.value)}` : '';
          let req = t.http[op.method](`${url}${query}`).set(caller.auth).timeout(20_000);
          if (op.bodySchema) {
            const body =
              target.in === 'body'
                ? bodyWith(doc, op.bodySchema, target.path, hostile.value, seeds)
                : sampleObject(doc, op.bodySchema, seeds);
            req = req.send(body as object);
          }
          const res = await req;
          const where = `${op.method.toUpperCase()} ${op.template} ${target.in}:${dotted(target.path)} = ${hostile.label}`;
          if (res.status >= 500) serverErrors.push(`${where} → ${res.status}`);
          else if (mustRefuse(hostile, target) && res.status < 300) accepted.push(`${where} → ${res.status}`);
          else if (hostile.refuse === 'any' && mustRefuse(hostile, target) && res.status === 422) {
            const paths = ((res.body.errors ?? []) as { path: string }[]).map((e) => e.path);
            if (!paths.includes(dotted(target.path))) pathless.push(`${where} → 422 at ${paths.join(', ')}`);
          }
        }),
      );
      // A few requests in flight at once: the server's (and the database's) concurrency shortens the run.
      await inPool(requests, CONCURRENCY);
    }
    expect({ serverErrors, accepted, pathless }).toEqual({ serverErrors: [], accepted: [], pathless: [] });
  }, 300_000);
});
