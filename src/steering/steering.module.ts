import { Module } from '@nestjs/common';
import { ProposalsModule } from './proposals/proposals.module';
import { ReviewsModule } from './reviews/reviews.module';

/**
 * The Steering Committee's work: group proposals (proposals/), reviews of groups and the overview of every group
 * (reviews/, overview/) (docs/steering.md).
 */
@Module({
  imports: [ProposalsModule, ReviewsModule],
})
export class SteeringModule {}
