import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Membership } from '../groups/membership/entities/membership.entity';
import { WorkingGroup } from '../groups/working-groups/entities/working-group.entity';
import { User } from '../users/entities/user.entity';
import { CONSENSUS_ENTITIES } from './entities';
import { PriorityAreasController } from './priority-areas.controller';
import { PriorityAreasService } from './priority-areas.service';

/** Priority areas and consensus by constituency (docs/consensus.md). */
@Module({
  imports: [MikroOrmModule.forFeature([...CONSENSUS_ENTITIES, WorkingGroup, Membership, User])],
  controllers: [PriorityAreasController],
  providers: [PriorityAreasService],
})
export class ConsensusModule {}
