import { Global, Module } from '@nestjs/common';
import { DomainHooks } from './hooks';

/** Global on purpose: every context raises or answers hooks, and the registry must be one instance. */
@Global()
@Module({ providers: [DomainHooks], exports: [DomainHooks] })
export class HooksModule {}
