import { Module } from '@nestjs/common';
import { RateLimiters } from './rate-limiters';

/** Imported by each context that limits callers; Nest shares the one instance (and Redis client) among them. */
@Module({
  providers: [RateLimiters],
  exports: [RateLimiters],
})
export class RateLimitModule {}
