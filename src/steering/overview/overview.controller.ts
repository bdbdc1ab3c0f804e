import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../../common/auth/auth-user';
import { AuthMeta } from '../../common/auth/decorators';
import { ProblemResponses } from '../../common/openapi/decorators';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { SteeringOverviewPageDto } from './overview.dto';
import { OverviewService } from './overview.service';

@ApiTags('steering')
@ApiBearerAuth()
@Controller()
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get('steering/overview')
  @ApiOperation({
    operationId: 'getSteeringOverview',
    summary: 'Every group at a glance, with health flags',
    description:
      'Steering Committee and admins. Status, anchors by type, last and next meeting, the review metrics, participation balance and action items of the last 90 days, and health flags (thresholds from the configuration).',
  })
  @ProblemResponses({ 'access.role_required': 403 })
  @ApiOkResponse({ type: SteeringOverviewPageDto })
  get(
    @Query() query: PaginationQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<SteeringOverviewPageDto> {
    return this.overview.overview(query, meta);
  }
}
