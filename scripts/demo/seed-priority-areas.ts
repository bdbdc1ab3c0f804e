/**
 * Demo priority areas: for every active demo group, one area adopted with a government and a civil-society
 * `agree` (an outcome and a review date), and one still open, agreed by the government side and objected to by
 * the civil-society side, so the constituency tally has something to show. Through the consensus service, as the
 * group's anchors' API requests would be (audited). Idempotent: an area by (group, title); positions only when the
 * area is new.
 */
import { PriorityArea } from '../../src/consensus/entities/priority-area.entity';
import { PositionValue } from '../../src/consensus/consensus.enums';
import { PriorityAreasService } from '../../src/consensus/priority-areas.service';
import { GroupRole, MembershipStatus } from '../../src/groups/groups.enums';
import { Membership } from '../../src/groups/membership/entities/membership.entity';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import { OrganizationKind } from '../../src/organizations/organizations.enums';
import { User } from '../../src/users/entities/user.entity';
import { metaFor, SeedContext } from './context';

const DAY = 24 * 60 * 60 * 1000;

const adoptedTitle = (group: WorkingGroup) => `${group.name}: publish what was agreed`;
const openTitle = (group: WorkingGroup) => `${group.name}: a shared monitoring framework`;

/** The group's first active anchor of each kind (both exist: the group is active). */
async function anchorsOf(
  ctx: SeedContext,
  group: WorkingGroup,
): Promise<{ government?: User; civil?: User }> {
  const anchors = await ctx.em
    .fork()
    .find(
      Membership,
      { group: group.id, role: GroupRole.Anchor, status: MembershipStatus.Active },
      { populate: ['user.organization'], orderBy: { createdAt: 'asc' } },
    );
  const ofKind = (kind: OrganizationKind) =>
    anchors.map((m) => m.user.getEntity()).find((u) => u.organization?.getEntity().kind === kind);
  return { government: ofKind(OrganizationKind.Government), civil: ofKind(OrganizationKind.CivilSociety) };
}

export async function seedPriorityAreas(ctx: SeedContext): Promise<void> {
  const areas = ctx.app.get(PriorityAreasService, { strict: false });
  for (const group of ctx.activeGroups) {
    const { government, civil } = await anchorsOf(ctx, group);
    if (!government || !civil) continue;
    const asGovernment = metaFor(government, ctx.requestId);
    const asCivil = metaFor(civil, ctx.requestId);
    const exists = async (title: string) =>
      (await ctx.em.fork().count(PriorityArea, { group: group.id, title })) > 0;

    if (!(await exists(adoptedTitle(group)))) {
      const area = await areas.create(
        group.slug,
        {
          title: adoptedTitle(group),
          description:
            'Every commitment the group supports is published with its milestones, so members can follow it.',
        },
        asCivil,
      );
      await areas.recordPosition(area.id, { position: PositionValue.Agree }, asGovernment);
      await areas.recordPosition(area.id, { position: PositionValue.Agree }, asCivil);
      await areas.adopt(
        area.id,
        {
          outcome: 'Adopted: the anchors publish a milestone table after every session.',
          reviewOn: new Date(ctx.today.getTime() + 180 * DAY).toISOString().slice(0, 10),
        },
        asGovernment,
      );
      ctx.tally.priorityAreas += 1;
      ctx.tally.positions += 2;
    }

    if (!(await exists(openTitle(group)))) {
      const area = await areas.create(
        group.slug,
        {
          title: openTitle(group),
          description: 'One set of indicators for the commitments the group supports, reported twice a year.',
          closesAt: new Date(ctx.today.getTime() + 30 * DAY).toISOString(),
        },
        asGovernment,
      );
      await areas.recordPosition(area.id, { position: PositionValue.Agree }, asGovernment);
      await areas.recordPosition(
        area.id,
        {
          position: PositionValue.Object,
          reason: 'Indicators chosen by governments alone would not measure what civil society sees.',
        },
        asCivil,
      );
      ctx.tally.priorityAreas += 1;
      ctx.tally.positions += 2;
    }
  }
}
