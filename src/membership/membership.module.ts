import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MeService } from '../auth/me.service';
import { MembershipChangesService } from './membership-changes.service';
import { MembershipController } from './membership.controller';
import { MembershipService } from './membership.service';
import { anchorOrganizationGuard } from './organization-change.guard';

@Module({
  imports: [AuthModule],
  controllers: [MembershipController],
  providers: [MembershipService, MembershipChangesService],
  exports: [MembershipService, MembershipChangesService],
})
export class MembershipModule implements OnModuleInit {
  constructor(private readonly me: MeService) {}

  onModuleInit(): void {
    this.me.registerOrganizationChangeGuard(anchorOrganizationGuard);
  }
}
