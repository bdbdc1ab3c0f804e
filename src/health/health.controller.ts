import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  MikroOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
  ) {}

  /** The process is up and serving HTTP; says nothing about dependencies (for restarts, not routing). */
  @Get('live')
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database answers. 503 otherwise (for load balancers). */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'all dependencies answer' })
  @ApiServiceUnavailableResponse({ description: 'the database is unreachable' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
    } catch {
      throw new DomainError(503, 'Service Unavailable', 'The database is unreachable.', {
        code: 'health.not_ready',
      });
    }
  }
}
