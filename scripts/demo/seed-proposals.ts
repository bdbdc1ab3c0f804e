/**
 * Demo group proposal: one pending proposal for the Steering Committee to decide, submitted by the Brazilian
 * government's demo anchor through the proposals service (validated and audited like `POST /proposals`).
 * Idempotent: a proposal by its name.
 */
import { Organization } from '../../src/organizations/entities/organization.entity';
import { GroupProposal } from '../../src/steering/proposals/entities/group-proposal.entity';
import { ProposalsService } from '../../src/steering/proposals/proposals.service';
import { actingAs, demoUser, SeedContext } from './context';
import { anchorEmail, DEMO_ORGANIZATIONS } from './data';

export const DEMO_PROPOSAL_NAME = 'Climate and Open Government';

export async function seedProposals(ctx: SeedContext): Promise<void> {
  const existing = await ctx.em.fork().findOne(GroupProposal, { name: DEMO_PROPOSAL_NAME });
  if (existing) return;
  const proposals = ctx.app.get(ProposalsService, { strict: false });
  const orgName = (key: string): string => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.name;
  const orgs = await ctx.em.fork().find(Organization, { name: { $in: [orgName('brazil'), orgName('wri')] } });
  const idOf = (key: string): string => orgs.find((o) => o.name === orgName(key))!.id;
  await proposals.create(
    {
      name: DEMO_PROPOSAL_NAME,
      theme: 'climate',
      scope:
        'Open climate finance data, participatory climate plans and climate commitments in national OGP action plans.',
      rationale:
        'Several members asked for a place where government and civil-society reformers work on climate ' +
        'transparency together; no existing group covers it.',
      proposedAnchorOrganizationIds: [idOf('brazil'), idOf('wri')],
      proposedAnchorUserIds: [demoUser(ctx, anchorEmail('brazil')).id, demoUser(ctx, anchorEmail('wri')).id],
    },
    actingAs(ctx, anchorEmail('brazil')),
  );
  ctx.tally.proposals += 1;
}
