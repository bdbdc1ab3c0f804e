import { AssistanceRequest } from '../../src/cooperation/entities/assistance-request.entity';
import { AssistanceRequestStep } from '../../src/cooperation/entities/assistance-request-step.entity';
import { Commitment } from '../../src/cooperation/entities/commitment.entity';
import { AssistanceKind, AssistanceStatus, CommitmentStatus } from '../../src/cooperation/cooperation.enums';
import { User } from '../../src/users/entities/user.entity';
import { TestApp } from '../support/test-app';

/** The organisation a test user registered with (the cast's people each have one). */
export async function organizationIdOf(t: TestApp, user: { id: string }): Promise<string> {
  const row = await t.em().findOneOrFail(User, { id: user.id });
  if (!row.organization) throw new Error(`user ${user.id} has no organisation`);
  return row.organization.id;
}

let sequence = 0;

/** Inserts a commitment directly (authorization rows should not depend on POST). */
export async function insertCommitment(
  t: TestApp,
  groupId: string,
  createdById: string,
  fields: Partial<Pick<Commitment, 'country' | 'cycle' | 'reference' | 'title' | 'status'>> = {},
): Promise<Commitment> {
  const em = t.em();
  sequence += 1;
  const commitment = em.create(Commitment, {
    group: groupId,
    country: fields.country ?? 'BR',
    cycle: fields.cycle ?? '2023-2027',
    reference: fields.reference ?? `REF${String(sequence).padStart(4, '0')}`,
    title: fields.title ?? 'Open contracting register',
    status: fields.status ?? CommitmentStatus.NotStarted,
    createdBy: createdById,
  });
  await em.flush();
  return commitment;
}

/** Inserts an assistance request in `status` (with its opening step), as if it had got there through PATCH. */
export async function insertAssistanceRequest(
  t: TestApp,
  groupId: string,
  createdById: string,
  requestingOrganizationId: string,
  fields: { status?: AssistanceStatus; offeringOrganizationId?: string; kind?: AssistanceKind } = {},
): Promise<AssistanceRequest> {
  const em = t.em();
  const request = em.create(AssistanceRequest, {
    group: groupId,
    kind: fields.kind ?? AssistanceKind.PeerExchange,
    topic: 'Beneficial ownership registers',
    description: 'How did you publish yours?',
    requestingOrganization: requestingOrganizationId,
    offeringOrganization: fields.offeringOrganizationId ?? null,
    status: fields.status ?? AssistanceStatus.Open,
    createdBy: createdById,
  });
  em.create(AssistanceRequestStep, { request, toStatus: AssistanceStatus.Open, actor: createdById });
  await em.flush();
  return request;
}
