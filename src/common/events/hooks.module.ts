import { Global, Module } from '@nestjs/common';
import { ActivityVisibility } from './activity-visibility';
import { DomainHooks } from './hooks';

@Global()
@Module({ providers: [DomainHooks, ActivityVisibility], exports: [DomainHooks, ActivityVisibility] })
export class HooksModule {}
