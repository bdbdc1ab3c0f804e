import type { Test } from 'supertest';
import { GroupRole, MembershipStatus } from '../../src/groups/groups.enums';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import { createTestApp, TestApp } from '../support/test-app';
import { auditCount } from './audit';
import { createGroup, createGroupCast, createGroupWithMembers, GroupCast } from './groups';
import { createUser, TestUser } from './users';

/** Every standing an authorization rule may depend on, in the order the table lists them. */
export const ACTORS = [
  'anonymous',
  'outsider',
  'observer',
  'member',
  'otherAnchor',
  'anchor',
  'steward',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * The people (created once) and, per cell, a fresh group where `anchor` anchors, `member`/`observer` belong,
 * `target` is another active member to act on, `requester` has asked to join and `invitee` is not in it yet.
 */
export interface MatrixCell {
  group: WorkingGroup;
  people: GroupCast;
  target: TestUser;
  requester: TestUser;
  invitee: TestUser;
}

export interface MatrixRow {
  /** `METHOD /path` with `:slug` and any `:param` filled by `params`. */
  route: string;
  /** Fields of the fresh group (defaults: public, active, approval). */
  group?: Parameters<typeof createGroup>[1];
  /**
   * The per-cell setup: may be async (e.g. to create the channel or meeting the route names, in a given status).
   * Entries the path does not name are still handed to `body` (e.g. the agenda item to reorder).
   */
  params?: (cell: MatrixCell) => Record<string, string> | Promise<Record<string, string>>;
  body?: (cell: MatrixCell, params: Record<string, string>) => Record<string, unknown>;
  /** Sends the request itself, for bodies `body` cannot express (a multipart upload); wins over `body`. */
  send?: (request: Test, cell: MatrixCell, params: Record<string, string>) => Test;
  expect: Record<Actor, number>;
  /** Shown in the test name, e.g. "members-only group". */
  note?: string;
}

export interface MatrixWorld {
  people: GroupCast;
  target: TestUser;
  requester: TestUser;
  invitee: TestUser;
}

export async function createMatrixWorld(t: TestApp): Promise<MatrixWorld> {
  const people = await createGroupCast(t);
  return {
    people,
    target: await createUser(t),
    requester: await createUser(t),
    invitee: await createUser(t),
  };
}

async function freshCell(t: TestApp, world: MatrixWorld, fields: MatrixRow['group']): Promise<MatrixCell> {
  const { people } = world;
  const group = await createGroupWithMembers(t, fields ?? {}, [
    [people.governmentAnchor, GroupRole.Anchor],
    [people.civilSocietyAnchor, GroupRole.Anchor],
    [people.member, GroupRole.Member],
    [people.observer, GroupRole.Observer],
    [world.target, GroupRole.Member],
    [world.requester, GroupRole.Member, MembershipStatus.Requested],
  ]);
  return { group, people, target: world.target, requester: world.requester, invitee: world.invitee };
}

const actorUser = (cell: MatrixCell, actor: Actor): TestUser | null => {
  const p = cell.people;
  const map: Record<Actor, TestUser | null> = {
    anonymous: null,
    outsider: p.outsider,
    observer: p.observer,
    member: p.member,
    otherAnchor: p.otherAnchor,
    anchor: p.governmentAnchor,
    steward: p.steward,
    admin: p.admin,
  };
  return map[actor];
};

/**
 * Runs one row: for each actor a fresh group, the request, its status. A refused request (4xx) must answer a
 * problem document and leave the audit log untouched. Returns `{ actor: status }` so a mismatch shows the whole
 * row at once.
 */
export async function runMatrixRow(
  t: TestApp,
  world: MatrixWorld,
  row: MatrixRow,
): Promise<Record<Actor, number>> {
  const [method, template] = row.route.split(' ') as [string, string];
  const actual = {} as Record<Actor, number>;
  for (const actor of ACTORS) {
    const cell = await freshCell(t, world, row.group);
    const params: Record<string, string> = { slug: cell.group.slug, ...((await row.params?.(cell)) ?? {}) };
    const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? `:${name}`);
    const user = actorUser(cell, actor);
    const before = await auditCount(t);
    const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    let request = t.http[verb](path);
    if (user) request = request.set(user.auth);
    const res = row.send
      ? await row.send(request, cell, params)
      : row.body
        ? await request.send(row.body(cell, params))
        : await request;
    actual[actor] = res.status;
    if (res.status < 400) continue;
    if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
      throw new Error(`${row.route} as ${actor} was refused (${res.status}) without a problem document`);
    }
    if ((await auditCount(t)) !== before) {
      throw new Error(`${row.route} as ${actor} was refused (${res.status}) but wrote an audit event`);
    }
  }
  return actual;
}

/**
 * One jest test per row on a fresh app and matrix world. `onApp` receives the app before any row runs, for
 * rows whose `params` need it (e.g. to create the meeting a route names).
 */
export function describeMatrix(
  title: string,
  rows: MatrixRow[],
  onApp?: (t: TestApp) => void,
  overrides: Parameters<typeof createTestApp>[0] = {},
): void {
  describe(title, () => {
    let t: TestApp;
    let world: MatrixWorld;

    beforeAll(async () => {
      t = await createTestApp(overrides);
      onApp?.(t);
      world = await createMatrixWorld(t);
    });
    afterAll(() => t.close());

    it.each(rows.map((row) => [`${row.route}${row.note ? ` (${row.note})` : ''}`, row] as const))(
      '%s',
      async (_name, row) => {
        expect(await runMatrixRow(t, world, row)).toEqual(row.expect);
      },
    );
  });
}
