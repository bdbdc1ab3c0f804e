import { EntityManager } from '@mikro-orm/postgresql';
import { FieldError, ValidationError } from '../../common/errors/domain-error';
import { AnchorType } from '../../groups/groups.enums';
import { Organization } from '../../organizations/entities/organization.entity';
import { OrganizationKind } from '../../organizations/organizations.enums';
import { User } from '../../users/entities/user.entity';
import { anchorTypesMissing, organizationRequired } from '../steering.errors';

/** Only government and civil-society organisations can anchor (an anchor's type is its organisation's kind). */
const ANCHOR_KIND: Partial<Record<OrganizationKind, AnchorType>> = {
  [OrganizationKind.Government]: AnchorType.Government,
  [OrganizationKind.CivilSociety]: AnchorType.CivilSociety,
};

/**
 * The co-lead rule for a proposal: every proposed anchor organisation exists and is a government or a
 * civil-society organisation, and both kinds are there; every named anchor is an enabled user of one of them.
 * Field errors first (all at once, 422 `request.invalid`), then the missing kinds (422
 * `proposal.anchor_types_missing`). Returns the organisations in the order given.
 */
export async function assertAnchorProposal(
  em: EntityManager,
  organizationIds: string[],
  userIds: string[],
): Promise<Organization[]> {
  const errors: FieldError[] = [];
  const orgs = await em.find(Organization, { id: { $in: organizationIds } });
  const byId = new Map(orgs.map((o) => [o.id, o]));
  organizationIds.forEach((id, i) => {
    const org = byId.get(id);
    const path = `proposedAnchorOrganizationIds[${i}]`;
    if (!org) errors.push({ path, message: `${path} does not name an organisation` });
    else if (!ANCHOR_KIND[org.kind]) {
      errors.push({
        path,
        message: `${path} is ${org.kind}: anchors are government or civil-society organisations`,
      });
    }
  });
  const users = userIds.length ? await em.find(User, { id: { $in: userIds } }) : [];
  const usersById = new Map(users.map((u) => [u.id, u]));
  userIds.forEach((id, i) => {
    const user = usersById.get(id);
    const path = `proposedAnchorUserIds[${i}]`;
    if (!user || user.disabled) errors.push({ path, message: `${path} does not name a user` });
    else if (!user.organization || !organizationIds.includes(user.organization.id)) {
      errors.push({ path, message: `${path} must belong to one of the proposed anchor organisations` });
    }
  });
  if (errors.length) throw new ValidationError(errors);
  const present = new Set(orgs.map((o) => ANCHOR_KIND[o.kind]));
  const missing = [AnchorType.Government, AnchorType.CivilSociety].filter((t) => !present.has(t));
  if (missing.length) throw anchorTypesMissing(missing);
  return organizationIds.map((id) => byId.get(id)!);
}

/**
 * Any user who belongs to an organisation proposes. Affiliation verification (issue 14 item 1) is not required
 * here: a proposal is only a request the committee reads (docs/steering.md).
 */
export async function assertMayPropose(em: EntityManager, userId: string): Promise<void> {
  const user = await em.findOneOrFail(User, { id: userId });
  if (!user.organization) throw organizationRequired();
}
