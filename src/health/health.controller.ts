import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  MikroOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('health')
@Public({ caller: 'unused' })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
  ) {}

  /** The process is up and serving HTTP; says nothing about dependencies (for restarts, not routing). */
  @Get('live')
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness probe' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database answers. 503 otherwise (for load balancers). */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'all dependencies answer' })
  @ApiServiceUnavailableResponse({ description: 'the database is unreachable' })
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness probe (the database answers)' })
  @ProblemResponses({ 'health.not_ready': 503 })
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
