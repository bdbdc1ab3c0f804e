import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DiscussionModule } from './discussion/discussion.module';
import { HooksModule } from './common/events/hooks.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { loggerParams } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { buildOrmOptions } from './database/orm-options';
import { HealthModule } from './health/health.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { UsersModule } from './users/users.module';
import { GroupsModule } from './groups/groups.module';
import { MeetingsModule } from './meetings/meetings.module';
import { UploadsModule } from './uploads/uploads.module';
import { DocumentsModule } from './documents/documents.module';
import { OpenDataModule } from './open-data/open-data.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SteeringModule } from './steering/steering.module';
import { ConsensusModule } from './consensus/consensus.module';
import { CooperationModule } from './cooperation/cooperation.module';

@Module({})
export class AppModule {
  /**
   * The database URL and secrets are resolved before the module is built (see bootstrap). `logStream` replaces
   * stdout as the log destination, so tests can read what would have been logged.
   */
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logStream)),
        MikroOrmModule.forRoot({
          ...buildOrmOptions(config.requireDatabaseUrl(), { pool: { min: 0, max: config.dbPoolMax } }),
          registerRequestContext: true,
        }),
        AuditModule,
        HooksModule,
        HealthModule,
        AuthModule,
        UsersModule,
        OrganizationsModule,
        GroupsModule,
        DiscussionModule,
        MeetingsModule,
        UploadsModule,
        DocumentsModule,
        OpenDataModule,
        NotificationsModule,
        SteeringModule,
        ConsensusModule,
        CooperationModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
