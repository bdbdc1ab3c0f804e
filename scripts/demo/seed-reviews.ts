/**
 * One open Steering Committee review (issue 14 item 8): of the Open Data group, for the last full calendar quarter
 * before the seed runs, with its anchors' self-assessment. Opened through the reviews service as the demo Steering
 * Committee account (so the group moves to `under_review` and its anchors are notified, audited like an API call);
 * the self-assessment by the group's civil-society anchor. Idempotent: a group that already has a review is left
 * alone. Runs last: the other seeds find the group still active on the first run.
 */
import { PlatformRole } from '../../src/common/auth/platform-role.enums';
import { Review } from '../../src/steering/reviews/entities/review.entity';
import { ReviewsService } from '../../src/steering/reviews/reviews.service';
import { actingAs, SeedContext } from './context';
import { anchorEmail } from './data';

export const DEMO_REVIEW_GROUP = 'open-data';
/** The anchor key (data.ts) who writes the self-assessment. */
const SELF_ASSESSOR = 'webf';

export const DEMO_SELF_ASSESSMENT =
  'We met as planned, published the commitments tracker and our terms of reference, and adopted one priority ' +
  'area with agreement from both government and civil society. Attendance from government members dropped after ' +
  'the summer; we propose a second, virtual session each quarter so that more ministries can take part.';

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** The last full calendar quarter before `today` (UTC): [first day, first day of the next quarter). */
export function lastFullQuarter(today: Date): { periodStart: string; periodEnd: string } {
  const quarterStartMonth = Math.floor(today.getUTCMonth() / 3) * 3;
  const end = new Date(Date.UTC(today.getUTCFullYear(), quarterStartMonth, 1));
  const start = new Date(Date.UTC(today.getUTCFullYear(), quarterStartMonth - 3, 1));
  return { periodStart: isoDate(start), periodEnd: isoDate(end) };
}

export async function seedReviews(ctx: SeedContext): Promise<void> {
  const group = ctx.activeGroups.find((g) => g.slug === DEMO_REVIEW_GROUP);
  if (!group || (await ctx.em.fork().count(Review, { group: group.id })) > 0) return;
  const reviews = ctx.app.get(ReviewsService, { strict: false });
  const steward = [...ctx.users.values()].find((u) => u.role === PlatformRole.SteeringCommittee);
  if (!steward) throw new Error('the demo has no Steering Committee account');
  const review = await reviews.open(group.slug, lastFullQuarter(ctx.today), actingAs(ctx, steward.email));
  ctx.tally.reviews++;
  await reviews.selfAssess(
    review.id,
    { text: DEMO_SELF_ASSESSMENT },
    actingAs(ctx, anchorEmail(SELF_ASSESSOR)),
  );
}
