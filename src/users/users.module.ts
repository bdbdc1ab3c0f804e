import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from './entities/user.entity';
import { AffiliationController } from './affiliation.controller';
import { AffiliationService } from './affiliation.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [MikroOrmModule.forFeature([User, Organization])],
  controllers: [UsersController, AffiliationController],
  providers: [UsersService, AffiliationService],
  exports: [UsersService],
})
export class UsersModule {}
