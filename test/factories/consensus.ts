import type { Response } from 'supertest';
import { TestApp } from '../support/test-app';
import type { TestUser } from './users';

/** Proposes a priority area through the API (as an active member) and returns its answer. */
export async function proposeArea(
  t: TestApp,
  user: TestUser,
  slug: string,
  fields: { title?: string; description?: string; closesAt?: string } = {},
): Promise<Response['body']> {
  const res = await t.http
    .post(`/working-groups/${slug}/priority-areas`)
    .set(user.auth)
    .send({
      title: fields.title ?? 'Open contracting',
      description: fields.description ?? 'Why it matters.',
      ...fields,
    })
    .expect(201);
  return res.body;
}

/** Records a position through the API and returns the area's answer. */
export async function takePosition(
  t: TestApp,
  user: TestUser,
  areaId: string,
  position: 'agree' | 'abstain' | 'object',
  reason?: string,
): Promise<Response['body']> {
  const res = await t.http
    .put(`/priority-areas/${areaId}/position`)
    .set(user.auth)
    .send({ position, ...(reason !== undefined ? { reason } : {}) })
    .expect(200);
  return res.body;
}
