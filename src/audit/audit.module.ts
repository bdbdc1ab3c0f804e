import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditEvent } from './entities/audit-event.entity';

/** Global on purpose: every state change in every context appends to the chain in its own transaction. */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature([AuditEvent])],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
