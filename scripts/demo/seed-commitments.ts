/**
 * Demo commitments and assistance: for every active OGP group, action-plan commitments of its anchors' (and a few
 * other) countries with their real-looking OGP references and cycles, one with a progress note; and in
 * Anti-Corruption one peer-exchange request, matched to an offering member organisation. Everything goes through
 * the cooperation services as one of the group's anchors (or members), so it is audited like an API call.
 * Idempotent: a commitment by (group, country, cycle, reference), the request by (group, topic).
 */
import { AssistanceService } from '../../src/cooperation/assistance.service';
import { CommitmentsService } from '../../src/cooperation/commitments.service';
import { AssistanceKind, AssistanceStatus, CommitmentStatus } from '../../src/cooperation/cooperation.enums';
import { AssistanceRequest } from '../../src/cooperation/entities/assistance-request.entity';
import { Commitment } from '../../src/cooperation/entities/commitment.entity';
import { actingAs, SeedContext } from './context';
import { anchorEmail, demoEmail } from './data';

interface DemoCommitment {
  country: string;
  cycle: string;
  reference: string;
  title: string;
  status: CommitmentStatus;
  /** Demo organisation key of the supporting organisation. */
  supporter?: string;
  progress?: { date: string; note: string };
}

const ogpUrl = (country: string, reference: string): string =>
  `https://www.opengovpartnership.org/members/${country.toLowerCase()}/commitments/${reference}/`;

/** By group slug; the first anchor key records them. */
export const DEMO_COMMITMENTS: Record<string, { recorder: string; commitments: DemoCommitment[] }> = {
  'fiscal-openness': {
    recorder: 'gift',
    commitments: [
      {
        country: 'BR',
        cycle: '2023-2027',
        reference: 'BR0112',
        title: 'Participatory multi-year budget planning',
        status: CommitmentStatus.Substantial,
        supporter: 'brazil',
        progress: {
          date: '2025-09-30',
          note: 'Citizen hearings held in all five regions; report published.',
        },
      },
      {
        country: 'PH',
        cycle: '2023-2025',
        reference: 'PH0081',
        title: 'Open budget data at the local level',
        status: CommitmentStatus.Limited,
        supporter: 'philippines',
      },
    ],
  },
  'legislative-openness': {
    recorder: 'ndi',
    commitments: [
      {
        country: 'CL',
        cycle: '2023-2027',
        reference: 'CL0142',
        title: 'Open parliament data standard for bills and votes',
        status: CommitmentStatus.NotStarted,
        supporter: 'chile',
      },
    ],
  },
  'access-to-information': {
    recorder: 'inai',
    commitments: [
      {
        country: 'MX',
        cycle: '2019-2021',
        reference: 'MX0083',
        title: 'Proactive disclosure of public procurement records',
        status: CommitmentStatus.Completed,
        supporter: 'inai',
      },
      {
        country: 'KE',
        cycle: '2023-2027',
        reference: 'KE0031',
        title: 'Access to information regulations and oversight',
        status: CommitmentStatus.Limited,
        supporter: 'carter',
      },
    ],
  },
  'anti-corruption': {
    recorder: 'ti',
    commitments: [
      {
        country: 'GB',
        cycle: '2024-2025',
        reference: 'UK0130',
        title: 'Beneficial ownership transparency for overseas entities',
        status: CommitmentStatus.Substantial,
        supporter: 'uk',
      },
      {
        country: 'GE',
        cycle: '2022-2023',
        reference: 'GE0106',
        title: 'Electronic asset declarations verification system',
        status: CommitmentStatus.Completed,
        supporter: 'georgia',
      },
      {
        country: 'BR',
        cycle: '2021-2023',
        reference: 'BR0094',
        title: 'Open contracting in public works',
        status: CommitmentStatus.Limited,
        supporter: 'brazil',
      },
    ],
  },
  'open-data': {
    recorder: 'webf',
    commitments: [
      {
        country: 'CA',
        cycle: '2022-2024',
        reference: 'CA0118',
        title: 'Open data for climate action',
        status: CommitmentStatus.Substantial,
        supporter: 'canada',
        progress: {
          date: '2024-06-15',
          note: 'Federal emissions datasets published under the open licence.',
        },
      },
    ],
  },
  'natural-resource-openness': {
    recorder: 'nrgi',
    commitments: [
      {
        country: 'ID',
        cycle: '2020-2022',
        reference: 'ID0143',
        title: 'Extractive industries contract disclosure',
        status: CommitmentStatus.Limited,
        supporter: 'indonesia',
      },
    ],
  },
};

const REQUEST_TOPIC = 'Beneficial ownership register verification';

/** A demo organisation's id, through its one anchor account (data.ts). */
function organizationId(ctx: SeedContext, key: string): string {
  const user = ctx.users.get(anchorEmail(key));
  if (!user?.organization) throw new Error(`demo organisation ${key} has no anchor account`);
  return user.organization.id;
}

export async function seedCommitments(ctx: SeedContext): Promise<void> {
  const commitments = ctx.app.get(CommitmentsService, { strict: false });
  const assistance = ctx.app.get(AssistanceService, { strict: false });
  for (const group of ctx.activeGroups) {
    const spec = DEMO_COMMITMENTS[group.slug];
    if (!spec) continue;
    const meta = actingAs(ctx, anchorEmail(spec.recorder));
    for (const c of spec.commitments) {
      const existing = await ctx.em.fork().findOne(Commitment, {
        group: group.id,
        country: c.country,
        cycle: c.cycle,
        reference: c.reference,
      });
      if (existing) continue;
      const created = await commitments.create(
        group.slug,
        {
          country: c.country,
          cycle: c.cycle,
          reference: c.reference,
          title: c.title,
          url: ogpUrl(c.country, c.reference),
          status: c.status,
          ...(c.supporter ? { supportingOrganizationId: organizationId(ctx, c.supporter) } : {}),
        },
        meta,
      );
      ctx.tally.commitments++;
      if (c.progress) await commitments.addProgressNote(created.id, c.progress, meta);
    }
  }

  // One peer exchange: Brazil's government asks how the UK verifies its register; an anchor matches it.
  const anti = ctx.activeGroups.find((g) => g.slug === 'anti-corruption');
  if (!anti || (await ctx.em.fork().findOne(AssistanceRequest, { group: anti.id, topic: REQUEST_TOPIC })))
    return;
  const asked = await assistance.create(
    anti.slug,
    {
      kind: AssistanceKind.PeerExchange,
      topic: REQUEST_TOPIC,
      description:
        'Our beneficial ownership register is live; we would like to learn how peers verify declared owners ' +
        'against other registers before the next action plan.',
      requestingOrganizationId: organizationId(ctx, 'brazil'),
    },
    actingAs(ctx, demoEmail('member.brazil')),
  );
  await assistance.step(
    asked.id,
    {
      status: AssistanceStatus.Matched,
      offeringOrganizationId: organizationId(ctx, 'uk'),
      note: 'The UK team presented its verification checks at the last session.',
    },
    actingAs(ctx, anchorEmail('ti')),
  );
  ctx.tally.assistanceRequests++;
}
