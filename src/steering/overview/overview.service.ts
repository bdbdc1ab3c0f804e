import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { decodeCursor, encodeCursor, pageSize, PaginationQueryDto } from '../../common/pagination/pagination';
import { AppConfig } from '../../config/app-config';
import { GroupStatus, GroupVisibility } from '../../groups/groups.enums';
import { OrganizationKind } from '../../organizations/organizations.enums';
import { computeMetrics } from '../reviews/metrics.queries';
import { requireCommittee } from '../reviews/reviews-access';
import { utcMidnight } from '../reviews/reviews.service';
import {
  ConstituencyShareDto,
  HealthFlag,
  OverviewAnchorsDto,
  OverviewGroupDto,
  SteeringOverviewPageDto,
} from './overview.dto';
import {
  AnchorRow,
  overviewAnchors,
  overviewBalance,
  overviewGroups,
  OverviewGroupRow,
} from './overview.queries';

export const OVERVIEW_WINDOW_DAYS = 90;
const DAY = 86_400_000;
/** Flags are about running groups; sunset and archived ones get none. */
const FLAGGED_STATUSES: string[] = [GroupStatus.Proposed, GroupStatus.Active, GroupStatus.UnderReview];

const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** `GET /steering/overview`: every group at a glance, in four statements per page (docs/steering.md). */
@Injectable()
export class OverviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  async overview(query: PaginationQueryDto, meta: AuthenticatedMeta): Promise<SteeringOverviewPageDto> {
    requireCommittee(meta.user, 'read the steering overview');
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'string') : undefined;
    const now = new Date();
    const from = new Date(now.getTime() - OVERVIEW_WINDOW_DAYS * DAY);
    const rows = await overviewGroups(this.em, after ? String(after.key) : null, limit + 1, now);
    const page = rows.slice(0, limit);
    const ids = page.map((r) => r.id);
    const [anchors, metrics, balance] = [
      await overviewAnchors(this.em, ids),
      await computeMetrics(this.em, ids, from, now),
      await overviewBalance(this.em, ids, from, now),
    ];
    const balanceOf = new Map(balance.map((b) => [b.group_id, b]));
    const items = page.map((row) => {
      const groupAnchors = anchorsOf(anchors.filter((a) => a.group_id === row.id));
      const b = balanceOf.get(row.id);
      const m = metrics.get(row.id);
      if (!b || !m) throw new Error(`overview: no metrics for group ${row.id}`);
      const item: OverviewGroupDto = {
        slug: row.slug,
        name: row.name,
        status: row.status as GroupStatus,
        visibility: row.visibility as GroupVisibility,
        anchors: groupAnchors,
        lastMeeting: meeting(row, 'last'),
        nextMeeting: meeting(row, 'next'),
        lastActivityAt: row.last_activity_at,
        openReview: row.open_review_id
          ? { id: row.open_review_id, periodEnd: row.open_review_period_end ?? '' }
          : null,
        metrics: m,
        participationBalance: {
          meetingAttendees: shares(
            b.attendee_orgs,
            b.attendee_government_orgs,
            b.attendee_civil_society_orgs,
          ),
          messageAuthors: shares(b.author_orgs, b.author_government_orgs, b.author_civil_society_orgs),
        },
        actionItems: {
          closedOnTime: b.action_items_closed_on_time,
          closedLate: b.action_items_closed_late,
          overdue: b.action_items_overdue,
        },
        flags: [],
      };
      item.flags = this.flagsOf(row, item, now);
      return item;
    });
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ key: last.slug, id: last.id }) : null,
      window: { from, to: now },
      thresholds: {
        noMeetingDays: this.config.steeringNoMeetingDays,
        inactiveDays: this.config.steeringInactiveDays,
        reviewOverdueDays: this.config.steeringReviewOverdueDays,
      },
    };
  }

  private flagsOf(row: OverviewGroupRow, item: OverviewGroupDto, now: Date): HealthFlag[] {
    if (!FLAGGED_STATUSES.includes(row.status)) return [];
    const flags: HealthFlag[] = [];
    const daysAgo = (days: number): number => now.getTime() - days * DAY;
    const lastMeeting = row.last_meeting_starts_at?.getTime() ?? null;
    if (lastMeeting === null || lastMeeting < daysAgo(this.config.steeringNoMeetingDays)) {
      flags.push(HealthFlag.NoRecentMeeting);
    }
    if (item.anchors.government.length === 0 || item.anchors.civilSociety.length === 0) {
      flags.push(HealthFlag.MissingAnchorType);
    }
    const activity = row.last_activity_at?.getTime() ?? null;
    if (activity === null || activity < daysAgo(this.config.steeringInactiveDays))
      flags.push(HealthFlag.Inactive);
    if (row.open_review_period_end) {
      const due =
        utcMidnight(row.open_review_period_end).getTime() + this.config.steeringReviewOverdueDays * DAY;
      if (due <= now.getTime()) flags.push(HealthFlag.ReviewOverdue);
    }
    return flags;
  }
}

function anchorsOf(rows: AnchorRow[]): OverviewAnchorsDto {
  const toDto = (a: AnchorRow) => ({
    userId: a.user_id,
    displayName: a.display_name,
    organizationId: a.organization_id,
    organizationName: a.organization_name,
  });
  return {
    government: rows.filter((a) => a.kind === OrganizationKind.Government).map(toDto),
    civilSociety: rows.filter((a) => a.kind === OrganizationKind.CivilSociety).map(toDto),
  };
}

function meeting(row: OverviewGroupRow, which: 'last' | 'next'): OverviewGroupDto['lastMeeting'] {
  const id = which === 'last' ? row.last_meeting_id : row.next_meeting_id;
  const title = which === 'last' ? row.last_meeting_title : row.next_meeting_title;
  const startsAt = which === 'last' ? row.last_meeting_starts_at : row.next_meeting_starts_at;
  return id && title && startsAt ? { id, title, startsAt } : null;
}

const shares = (all: number, government: number, civilSociety: number): ConstituencyShareDto => ({
  organizations: all,
  government: share(government, all),
  civilSociety: share(civilSociety, all),
});
