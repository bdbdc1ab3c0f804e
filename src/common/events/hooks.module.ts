import { Global, Module } from '@nestjs/common';
import { DomainHooks } from './hooks';

@Global()
@Module({ providers: [DomainHooks], exports: [DomainHooks] })
export class HooksModule {}
