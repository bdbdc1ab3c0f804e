import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { GroupsModule } from '../../groups/groups.module';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { PROPOSAL_ENTITIES } from './entities';
import { ProposalDecisionsService } from './proposal-decisions.service';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

/** Group proposals: submitted by people of organisations, decided by the Steering Committee (docs/steering.md). */
@Module({
  imports: [
    MikroOrmModule.forFeature([...PROPOSAL_ENTITIES, User, Organization]),
    // ProposedGroupsService: an approval creates the group in the decision's transaction.
    GroupsModule,
  ],
  controllers: [ProposalsController],
  providers: [ProposalsService, ProposalDecisionsService],
  exports: [ProposalsService],
})
export class ProposalsModule {}
