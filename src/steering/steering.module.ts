import { Module } from '@nestjs/common';
import { ProposalsModule } from './proposals/proposals.module';

/** The Steering Committee's work: group proposals (proposals/) and reviews of groups (docs/steering.md). */
@Module({
  imports: [ProposalsModule],
})
export class SteeringModule {}
