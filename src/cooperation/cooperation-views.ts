import { EntityManager } from '@mikro-orm/postgresql';
import type { Ref } from '@mikro-orm/core';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { AssistanceRequestDto, AssistanceStepDto } from './dto/assistance.dto';
import { CommitmentDto, ProgressNoteDto } from './dto/commitment.dto';
import { OrganizationRefDto, PersonRefDto } from './dto/shared.dto';
import { AssistanceRequest } from './entities/assistance-request.entity';
import { AssistanceRequestStep } from './entities/assistance-request-step.entity';
import { Commitment } from './entities/commitment.entity';
import { CommitmentProgressNote } from './entities/commitment-progress-note.entity';

const orgRef = (org: Ref<Organization> | null): OrganizationRefDto | null => {
  if (!org) return null;
  const o = org.getEntity();
  return { id: o.id, name: o.name, kind: o.kind };
};

const person = (user: Ref<User>): PersonRefDto => {
  const u = user.getEntity();
  return { id: u.id, displayName: u.displayName };
};

/** What the audit event keeps of a commitment (ids, not names: names change). */
export const commitmentSnapshot = (c: Commitment): Record<string, unknown> => ({
  country: c.country,
  cycle: c.cycle,
  reference: c.reference,
  title: c.title,
  url: c.url,
  supportingOrganizationId: c.supportingOrganization?.id ?? null,
  status: c.status,
});

export const assistanceSnapshot = (r: AssistanceRequest): Record<string, unknown> => ({
  kind: r.kind,
  topic: r.topic,
  requestingOrganizationId: r.requestingOrganization.id,
  offeringOrganizationId: r.offeringOrganization?.id ?? null,
  status: r.status,
});

/** Answers for a page of commitments: organisations, authors and notes loaded in three statements. */
export async function toCommitmentDtos(
  em: EntityManager,
  commitments: Commitment[],
  groupSlug: string,
): Promise<CommitmentDto[]> {
  if (commitments.length === 0) return [];
  await em.populate(commitments, ['supportingOrganization', 'createdBy']);
  const notes = await em.find(
    CommitmentProgressNote,
    { commitment: { $in: commitments.map((c) => c.id) } },
    { orderBy: { date: 'asc', createdAt: 'asc', id: 'asc' }, populate: ['author'] },
  );
  const byCommitment = new Map<string, ProgressNoteDto[]>();
  for (const n of notes) {
    const list = byCommitment.get(n.commitment.id) ?? [];
    list.push({ id: n.id, date: n.date, note: n.note, author: person(n.author), createdAt: n.createdAt });
    byCommitment.set(n.commitment.id, list);
  }
  return commitments.map((c) => ({
    id: c.id,
    groupSlug,
    country: c.country,
    cycle: c.cycle,
    reference: c.reference,
    title: c.title,
    url: c.url,
    supportingOrganization: orgRef(c.supportingOrganization),
    status: c.status,
    progressNotes: byCommitment.get(c.id) ?? [],
    createdBy: person(c.createdBy),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));
}

/** Answers for a page of assistance requests, with their history (a handful of steps each). */
export async function toAssistanceDtos(
  em: EntityManager,
  requests: AssistanceRequest[],
  groupSlug: string,
): Promise<AssistanceRequestDto[]> {
  if (requests.length === 0) return [];
  await em.populate(requests, ['requestingOrganization', 'offeringOrganization', 'createdBy']);
  const steps = await em.find(
    AssistanceRequestStep,
    { request: { $in: requests.map((r) => r.id) } },
    { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['actor'] },
  );
  const byRequest = new Map<string, AssistanceStepDto[]>();
  for (const s of steps) {
    const list = byRequest.get(s.request.id) ?? [];
    list.push({
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      actor: person(s.actor),
      note: s.note,
      createdAt: s.createdAt,
    });
    byRequest.set(s.request.id, list);
  }
  return requests.map((r) => ({
    id: r.id,
    groupSlug,
    kind: r.kind,
    topic: r.topic,
    description: r.description,
    requestingOrganization: orgRef(r.requestingOrganization)!,
    offeringOrganization: orgRef(r.offeringOrganization),
    status: r.status,
    createdBy: person(r.createdBy),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
    history: byRequest.get(r.id) ?? [],
  }));
}
