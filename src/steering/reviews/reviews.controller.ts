import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../../common/auth/auth-user';
import { AuthMeta } from '../../common/auth/decorators';
import { ProblemResponses } from '../../common/openapi/decorators';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { uuidOr404 } from '../../common/pipes';
import {
  CreateReviewDto,
  DecideReviewDto,
  ReviewDto,
  ReviewPageDto,
  SelfAssessmentDto,
} from './dto/review.dto';
import { NOT_FOUND_REVIEW } from './reviews-access';
import { ReviewsService } from './reviews.service';

@ApiTags('steering')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('working-groups/:slug/reviews')
  @ApiOperation({
    operationId: 'listGroupReviews',
    summary: "List a group's Steering Committee reviews, newest first",
    description:
      "The group's active members and the Steering Committee and admins. Open reviews carry live metrics.",
  })
  @ProblemResponses({ 'group.role_required': 403 })
  @ApiOkResponse({ type: ReviewPageDto })
  list(
    @Param('slug') slug: string,
    @Query() query: PaginationQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ReviewPageDto> {
    return this.reviews.list(slug, query, meta);
  }

  @Post('working-groups/:slug/reviews')
  @ApiOperation({
    operationId: 'openReview',
    summary: 'Open a review of a group for a period',
    description:
      'Steering Committee and admins. The period is [periodStart, periodEnd) in UTC calendar dates. An active group moves to under_review; one open review per group.',
  })
  @ProblemResponses({
    'access.role_required': 403,
    'review.group_not_reviewable': 409,
    'review.already_open': 409,
    'review.period_invalid': 422,
  })
  @ApiCreatedResponse({ type: ReviewDto })
  open(
    @Param('slug') slug: string,
    @Body() dto: CreateReviewDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ReviewDto> {
    return this.reviews.open(slug, dto, meta);
  }

  @Get('reviews/:id')
  @ApiOperation({
    operationId: 'getReview',
    summary: 'Get a review with its metrics',
    description: 'Metrics are computed on read while the review is open and frozen once it is decided.',
  })
  @ApiOkResponse({ type: ReviewDto })
  get(
    @Param('id', uuidOr404(NOT_FOUND_REVIEW)) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ReviewDto> {
    return this.reviews.get(id, meta);
  }

  @Put('reviews/:id/self-assessment')
  @ApiOperation({
    operationId: 'submitReviewSelfAssessment',
    summary: "Submit or replace the group's self-assessment",
    description: 'Anchors of the reviewed group, while the review is open.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'review.already_decided': 409 })
  @ApiOkResponse({ type: ReviewDto })
  selfAssess(
    @Param('id', uuidOr404(NOT_FOUND_REVIEW)) id: string,
    @Body() dto: SelfAssessmentDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ReviewDto> {
    return this.reviews.selfAssess(id, dto, meta);
  }

  @Post('reviews/:id/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'decideReview',
    summary: 'Record the assessment and decision of a review',
    description:
      'Steering Committee and admins, once. continue and revise_scope → active (revise_scope rewrites the description), merge and sunset → sunset; the metrics are frozen.',
  })
  @ProblemResponses({
    'access.role_required': 403,
    'review.already_decided': 409,
    'group.invalid_transition': 409,
    'group.anchor_missing': 409,
    'review.merge_target_invalid': 422,
  })
  @ApiOkResponse({ type: ReviewDto })
  decide(
    @Param('id', uuidOr404(NOT_FOUND_REVIEW)) id: string,
    @Body() dto: DecideReviewDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ReviewDto> {
    return this.reviews.decide(id, dto, meta);
  }
}
