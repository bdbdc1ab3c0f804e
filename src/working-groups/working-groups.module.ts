import { Module } from '@nestjs/common';
import { GroupActivityService } from './group-activity.service';
import { GroupStatusService } from './group-status.service';
import { WorkingGroupsController } from './working-groups.controller';
import { WorkingGroupsService } from './working-groups.service';

@Module({
  controllers: [WorkingGroupsController],
  providers: [WorkingGroupsService, GroupStatusService, GroupActivityService],
  exports: [WorkingGroupsService, GroupStatusService],
})
export class WorkingGroupsModule {}
