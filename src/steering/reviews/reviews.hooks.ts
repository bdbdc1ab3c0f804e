/** The hooks the reviews part of the steering context raises (common/events/hooks.ts, docs/architecture.md). */

declare module '../../common/events/hooks' {
  interface TransactionalHookMap {
    /**
     * The Steering Committee opened a review of a group (notifications tell the group's active anchors). Raised
     * in the opening's transaction; the period's dates are `YYYY-MM-DD`, `periodEnd` exclusive.
     */
    'review.opened': {
      reviewId: string;
      groupId: string;
      periodStart: string;
      periodEnd: string;
      actorId: string | null;
    };
  }
}

export {};
