import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { AdminBootstrapService } from '../src/auth/admin-bootstrap.service';
import { Organization } from '../src/organizations/entities/organization.entity';
import { createOrganization } from './factories/organizations';
import { createAdmin, createSteward, createUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

describe('organisations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets only admins and the Steering Committee register organisations, without writing anything on refusal', async () => {
    const member = await createUser(t);
    const before = await t.em().count(Organization, {});
    const refused = await t.http
      .post('/organizations')
      .set(member.auth)
      .send({ name: 'Government of Somewhere', kind: 'government', country: 'BR', level: 'national' })
      .expect(403);
    expect(refused.body.code).toBe('access.role_required');
    expect(await t.em().count(Organization, {})).toBe(before);
    const steward = await createSteward(t);
    await t.http
      .post('/organizations')
      .set(steward.auth)
      .send({ name: 'Steward Registered CSO', kind: 'civil_society', country: 'CL' })
      .expect(201);
  });

  it('creates a government with level and a validated, upper-cased country', async () => {
    const user = await createAdmin(t);
    const res = await t.http
      .post('/organizations')
      .set(user.auth)
      .send({
        name: 'Government of the Philippines',
        kind: 'government',
        country: 'ph',
        level: 'national',
        website: 'https://www.gov.ph',
      })
      .expect(201);
    expect(res.body).toMatchObject({ kind: 'government', country: 'PH', level: 'national' });
    const fetched = await t.http.get(`/organizations/${res.body.id}`).expect(200);
    expect(fetched.body.name).toBe('Government of the Philippines');
  });

  it('refuses an unknown country code, a government without level and level on a CSO', async () => {
    const user = await createAdmin(t);
    const before = await t.em().count(Organization, {});
    const country = await t.http
      .post('/organizations')
      .set(user.auth)
      .send({ name: 'Nowhere Org', kind: 'civil_society', country: 'XX' })
      .expect(422);
    expect(country.body.errors[0].path).toBe('country');
    const level = await t.http
      .post('/organizations')
      .set(user.auth)
      .send({ name: 'Gov', kind: 'government', country: 'BR' })
      .expect(422);
    expect(level.body.errors[0].path).toBe('level');
    await t.http
      .post('/organizations')
      .set(user.auth)
      .send({ name: 'CSO', kind: 'civil_society', country: 'BR', level: 'local' })
      .expect(422);
    await t.http
      .post('/organizations')
      .set(user.auth)
      .send({ name: 'CSO', kind: 'charity', country: 'BR' })
      .expect(422);
    expect(await t.em().count(Organization, {})).toBe(before);
  });

  it('lets a multilateral omit the country and refuses duplicate names case-insensitively', async () => {
    const user = await createAdmin(t);
    await t.http
      .post('/organizations')
      .set(user.auth)
      .send({ name: 'World Bank Group', kind: 'multilateral' })
      .expect(201);
    const dup = await t.http
      .post('/organizations')
      .set(user.auth)
      .send({ name: 'WORLD BANK GROUP', kind: 'multilateral' })
      .expect(409);
    expect(dup.body.code).toBe('organization.duplicate_name');
  });

  it('requires a login to create, but lists and reads publicly, with filters and cursor pagination', async () => {
    await t.http.post('/organizations').send({ name: 'Anon Org', kind: 'other', country: 'BR' }).expect(401);
    for (let i = 0; i < 5; i++) await createOrganization(t, { name: `Paged Org ${i}`, country: 'GE' });
    const first = await t.http.get('/organizations').query({ country: 'GE', limit: 2 }).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await t.http
      .get('/organizations')
      .query({ country: 'GE', limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    const third = await t.http
      .get('/organizations')
      .query({ country: 'GE', limit: 2, cursor: second.body.nextCursor })
      .expect(200);
    const names = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (o: { name: string }) => o.name,
    );
    expect(names).toEqual(['Paged Org 0', 'Paged Org 1', 'Paged Org 2', 'Paged Org 3', 'Paged Org 4']);
    expect(third.body.nextCursor).toBeNull();
    await t.http.get('/organizations').query({ limit: 201 }).expect(422);
    await t.http.get('/organizations').query({ cursor: 'garbage' }).expect(422);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    await t.http.get('/organizations/00000000-0000-4000-8000-000000000000').expect(404);
    await t.http.get('/organizations/not-a-uuid').expect(404);
  });
});

describe('users (admin)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets only admins list and change users', async () => {
    const [member, steward, admin] = [await createUser(t), await createSteward(t), await createAdmin(t)];
    await t.http.get('/users').set(member.auth).expect(403);
    await t.http.get('/users').set(steward.auth).expect(403);
    await t.http.patch(`/users/${member.id}`).set(member.auth).send({ role: 'admin' }).expect(403);
    const list = await t.http.get('/users').set(admin.auth).query({ q: member.email }).expect(200);
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([member.id]);
    const promoted = await t.http
      .patch(`/users/${member.id}`)
      .set(admin.auth)
      .send({ role: 'steering_committee' })
      .expect(200);
    expect(promoted.body.role).toBe('steering_committee');
    const me = await t.http.get('/me').set(member.auth).expect(200);
    expect(me.body.role).toBe('steering_committee');
  });

  it('refuses an admin locking themselves out, and invalid roles, without writing audit events', async () => {
    const admin = await createAdmin(t);
    const before = await t.em().count(AuditEvent, {});
    const self = await t.http
      .patch(`/users/${admin.id}`)
      .set(admin.auth)
      .send({ disabled: true })
      .expect(409);
    expect(self.body.code).toBe('user.self_lockout');
    await t.http.patch(`/users/${admin.id}`).set(admin.auth).send({ role: 'member' }).expect(409);
    await t.http.patch(`/users/${admin.id}`).set(admin.auth).send({ role: 'emperor' }).expect(422);
    await t.http
      .patch('/users/00000000-0000-4000-8000-000000000000')
      .set(admin.auth)
      .send({ disabled: true })
      .expect(404);
    expect(await t.em().count(AuditEvent, {})).toBe(before);
  });

  it('writes no audit event for a change that changes nothing', async () => {
    const [admin, member] = [await createAdmin(t), await createUser(t)];
    const before = await t.em().count(AuditEvent, {});
    await t.http.patch(`/users/${member.id}`).set(admin.auth).send({}).expect(200);
    await t.http
      .patch(`/users/${member.id}`)
      .set(admin.auth)
      .send({ role: 'member', disabled: false })
      .expect(200);
    expect(await t.em().count(AuditEvent, {})).toBe(before);
    await t.http
      .patch(`/users/${member.id}`)
      .set(admin.auth)
      .send({ role: 'steering_committee' })
      .expect(200);
    expect(await t.em().count(AuditEvent, {})).toBe(before + 1);
  });

  it('never returns password hashes in user lists', async () => {
    const admin = await createAdmin(t);
    const res = await t.http.get('/users').set(admin.auth).expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
  });
});

describe('first admin bootstrap', () => {
  it('creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD once', async () => {
    const t = await createTestApp({
      adminEmail: 'root@example.org',
      adminPassword: 'bootstrap-admin-passphrase',
    });
    try {
      const bootstrap = t.app.get(AdminBootstrapService);
      await expect(bootstrap.ensureAdmin()).resolves.toBe('created');
      await expect(bootstrap.ensureAdmin()).resolves.toBe('exists');
      const login = await t.http
        .post('/auth/login')
        .send({ email: 'root@example.org', password: 'bootstrap-admin-passphrase' })
        .expect(200);
      const me = await t.http.get('/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      expect(me.body.role).toBe('admin');
    } finally {
      await t.close();
    }
  });
});
