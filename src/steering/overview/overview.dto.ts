import { ApiProperty } from '@nestjs/swagger';
import { Page } from '../../common/pagination/pagination';
import { GroupStatus, GroupVisibility } from '../../groups/groups.enums';
import { ReviewMetricsDto } from '../reviews/dto/review.dto';

export enum HealthFlag {
  NoRecentMeeting = 'no_recent_meeting',
  MissingAnchorType = 'missing_anchor_type',
  Inactive = 'inactive',
  ReviewOverdue = 'review_overdue',
}

export class OverviewAnchorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
}

export class OverviewAnchorsDto {
  @ApiProperty({ type: [OverviewAnchorDto] }) government!: OverviewAnchorDto[];
  @ApiProperty({ type: [OverviewAnchorDto] }) civilSociety!: OverviewAnchorDto[];
}

export class OverviewMeetingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: Date;
}

export class ConstituencyShareDto {
  @ApiProperty({ description: 'distinct organisations' }) organizations!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'share of government organisations; null if none',
  })
  government!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'share of civil-society organisations; null if none',
  })
  civilSociety!: number | null;
}

export class ParticipationBalanceDto {
  @ApiProperty({ type: ConstituencyShareDto, description: 'among attendees of the meetings held' })
  meetingAttendees!: ConstituencyShareDto;
  @ApiProperty({ type: ConstituencyShareDto, description: 'among authors of the messages posted' })
  messageAuthors!: ConstituencyShareDto;
}

export class ActionItemHealthDto {
  @ApiProperty({ description: 'due in the window and done by the end of their due date' })
  closedOnTime!: number;
  @ApiProperty({ description: 'due in the window and done after it' }) closedLate!: number;
  @ApiProperty({ description: 'due in the window, past due and still open' }) overdue!: number;
}

export class OverviewOpenReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-07-01' }) periodEnd!: string;
}

export class OverviewGroupDto {
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: GroupStatus, enumName: 'GroupStatus' }) status!: GroupStatus;
  @ApiProperty({ enum: GroupVisibility, enumName: 'GroupVisibility' }) visibility!: GroupVisibility;
  @ApiProperty({ type: OverviewAnchorsDto }) anchors!: OverviewAnchorsDto;
  @ApiProperty({ type: OverviewMeetingDto, nullable: true, description: 'last concluded meeting' })
  lastMeeting!: OverviewMeetingDto | null;
  @ApiProperty({ type: OverviewMeetingDto, nullable: true, description: 'next scheduled or live meeting' })
  nextMeeting!: OverviewMeetingDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastActivityAt!: Date | null;
  @ApiProperty({ type: OverviewOpenReviewDto, nullable: true }) openReview!: OverviewOpenReviewDto | null;
  @ApiProperty({ type: ReviewMetricsDto, description: 'the review metrics over the window' })
  metrics!: ReviewMetricsDto;
  @ApiProperty({ type: ParticipationBalanceDto }) participationBalance!: ParticipationBalanceDto;
  @ApiProperty({ type: ActionItemHealthDto }) actionItems!: ActionItemHealthDto;
  @ApiProperty({ enum: HealthFlag, enumName: 'HealthFlag', isArray: true }) flags!: HealthFlag[];
}

export class OverviewWindowDto {
  @ApiProperty({ format: 'date-time' }) from!: Date;
  @ApiProperty({ format: 'date-time', description: 'exclusive' }) to!: Date;
}

export class OverviewThresholdsDto {
  @ApiProperty() noMeetingDays!: number;
  @ApiProperty() inactiveDays!: number;
  @ApiProperty() reviewOverdueDays!: number;
}

export class SteeringOverviewPageDto implements Page<OverviewGroupDto> {
  @ApiProperty({ type: [OverviewGroupDto], description: 'by slug' }) items!: OverviewGroupDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ type: OverviewWindowDto, description: 'the last 90 days' }) window!: OverviewWindowDto;
  @ApiProperty({ type: OverviewThresholdsDto }) thresholds!: OverviewThresholdsDto;
}
