import { randomBytes } from 'node:crypto';
import { Organization } from '../../src/organizations/entities/organization.entity';
import { GovernmentLevel, OrganizationKind } from '../../src/organizations/organizations.enums';
import { TestApp } from '../support/test-app';

/** Inserts an organisation directly (tests of other rules should not depend on the organisations API). */
export async function createOrganization(
  t: TestApp,
  fields: Partial<Pick<Organization, 'name' | 'kind' | 'country' | 'level'>> = {},
): Promise<Organization> {
  const em = t.em();
  const kind = fields.kind ?? OrganizationKind.CivilSociety;
  const org = em.create(Organization, {
    name: fields.name ?? `Org ${randomBytes(5).toString('hex')}`,
    kind,
    country: fields.country ?? (kind === OrganizationKind.Multilateral ? null : 'BR'),
    level: fields.level ?? (kind === OrganizationKind.Government ? GovernmentLevel.National : null),
  });
  await em.persistAndFlush(org);
  return org;
}

export const createGovernment = (t: TestApp, country = 'BR'): Promise<Organization> =>
  createOrganization(t, { kind: OrganizationKind.Government, country });
export const createCivilSociety = (t: TestApp, country = 'BR'): Promise<Organization> =>
  createOrganization(t, { kind: OrganizationKind.CivilSociety, country });
