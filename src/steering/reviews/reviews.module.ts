import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { GroupsModule } from '../../groups/groups.module';
import { Membership } from '../../groups/membership/entities/membership.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import { OverviewController } from '../overview/overview.controller';
import { OverviewService } from '../overview/overview.service';
import { Review } from './entities/review.entity';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/**
 * Steering Committee reviews and the steering overview. Reads other contexts' tables for metrics (read only);
 * moves groups only through the groups context's `GroupStatusPort`.
 */
@Module({
  imports: [MikroOrmModule.forFeature([Review, WorkingGroup, Membership, User]), GroupsModule],
  controllers: [ReviewsController, OverviewController],
  providers: [ReviewsService, OverviewService],
})
export class ReviewsModule {}
