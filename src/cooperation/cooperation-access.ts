import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../common/auth/auth-user';
import { NotFoundError } from '../common/errors/domain-error';
import { notFoundAs } from '../common/errors/not-found-as';
import { GroupVisibility } from '../groups/groups.enums';
import { GroupAccess, loadGroupAccessById } from '../groups/group-access';
import { AssistanceRequest } from './entities/assistance-request.entity';
import { Commitment } from './entities/commitment.entity';

export const NOT_FOUND_COMMITMENT = 'Commitment';
export const NOT_FOUND_ASSISTANCE_REQUEST = 'Assistance request';

/**
 * Commitments are public facts of a public group (the open-data export publishes them); in a members-only group
 * they are for its active members (any role) and stewards. Invitees see the group, not yet its commitments.
 */
export function canReadCommitments(access: GroupAccess): boolean {
  return access.group.visibility === GroupVisibility.Public || access.role !== null || access.isSteward;
}

/**
 * Assistance requests say what an organisation lacks: they are for the group's active members (any role) and
 * stewards, whatever the group's visibility.
 */
export const canReadAssistance = (access: GroupAccess): boolean => access.role !== null || access.isSteward;

export interface CommitmentAccess extends GroupAccess {
  commitment: Commitment;
}

export interface AssistanceAccess extends GroupAccess {
  request: AssistanceRequest;
}

/**
 * Loads a commitment and the caller's access; 404 when it does not exist or the caller may not read it. `lock`
 * takes the commitment row FOR UPDATE (docs/architecture.md, "Lock order").
 */
export async function loadCommitmentAccess(
  em: EntityManager,
  id: string,
  user: AuthUser | null,
  options: { lock?: boolean } = {},
): Promise<CommitmentAccess> {
  const commitment = await em.findOne(
    Commitment,
    { id },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  const access = await notFoundAs(
    NOT_FOUND_COMMITMENT,
    loadGroupAccessById(em, commitment?.group.id ?? id, user),
  );
  if (!commitment || !canReadCommitments(access)) throw new NotFoundError(NOT_FOUND_COMMITMENT);
  return { ...access, commitment };
}

/**
 * Loads an assistance request and the caller's access; 404 when it does not exist or the caller may not read it.
 * `lock` takes the request row FOR UPDATE, so two steps of one request apply one after the other.
 */
export async function loadAssistanceAccess(
  em: EntityManager,
  id: string,
  user: AuthUser | null,
  options: { lock?: boolean } = {},
): Promise<AssistanceAccess> {
  const request = await em.findOne(
    AssistanceRequest,
    { id },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  const access = await notFoundAs(
    NOT_FOUND_ASSISTANCE_REQUEST,
    loadGroupAccessById(em, request?.group.id ?? id, user),
  );
  if (!request || !canReadAssistance(access)) throw new NotFoundError(NOT_FOUND_ASSISTANCE_REQUEST);
  return { ...access, request };
}
