import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Membership } from '../groups/membership/entities/membership.entity';
import { WorkingGroup } from '../groups/working-groups/entities/working-group.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { AssistanceController } from './assistance.controller';
import { AssistanceService } from './assistance.service';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsService } from './commitments.service';
import { COOPERATION_ENTITIES } from './entities';

/** Commitments a group supports and assistance between its member organisations (docs/cooperation.md). */
@Module({
  imports: [
    MikroOrmModule.forFeature([...COOPERATION_ENTITIES, WorkingGroup, Membership, Organization, User]),
  ],
  controllers: [CommitmentsController, AssistanceController],
  providers: [CommitmentsService, AssistanceService],
})
export class CooperationModule {}
