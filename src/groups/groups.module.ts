import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { MembershipChangesService } from './membership/membership-changes.service';
import { MembershipController } from './membership/membership.controller';
import { MembershipService } from './membership/membership.service';
import { MyMembershipsController } from './membership/my-memberships.controller';
import { MyMembershipsService } from './membership/my-memberships.service';
import { Membership } from './membership/entities/membership.entity';
import { AnchorOrganizationGuard } from './membership/organization-change.guard';
import { GroupStatusPort } from './group-status.port';
import { WorkingGroup } from './working-groups/entities/working-group.entity';
import { GroupActivityService } from './working-groups/group-activity.service';
import { GroupStatusService } from './working-groups/group-status.service';
import { WorkingGroupsController } from './working-groups/working-groups.controller';
import { WorkingGroupsService } from './working-groups/working-groups.service';
import { ProposedGroupsService } from './working-groups/proposed-groups.service';

/**
 * Working groups and their memberships: one context (a group's rules need its members and a membership's rules
 * need its group). Reacts to other contexts only through DomainHooks (groups.hooks.ts lists what it raises).
 */
@Module({
  imports: [MikroOrmModule.forFeature([WorkingGroup, Membership, User, Organization])],
  controllers: [WorkingGroupsController, MembershipController, MyMembershipsController],
  providers: [
    WorkingGroupsService,
    ProposedGroupsService,
    GroupStatusService,
    GroupStatusPort,
    GroupActivityService,
    MembershipService,
    MembershipChangesService,
    MyMembershipsService,
    AnchorOrganizationGuard,
  ],
  exports: [
    WorkingGroupsService,
    ProposedGroupsService,
    GroupStatusService,
    GroupStatusPort,
    MembershipService,
    MembershipChangesService,
  ],
})
export class GroupsModule {}
