import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { Upload } from './entities/upload.entity';
import { FINISHED_UPLOADS } from './finished-uploads';
import { FinishedUploadsService } from './finished-uploads.service';
import { createTusStore, TUS_STORE } from './tus-store';
import { TusEndpoint } from './tus-endpoint';
import { UploadSweeper } from './upload-sweeper';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

/** Resumable uploads (tus 1.0) under `/uploads`; exports FINISHED_UPLOADS for the contexts that consume them. */
@Module({
  imports: [MikroOrmModule.forFeature([Upload, User]), RateLimitModule],
  controllers: [UploadsController],
  providers: [
    { provide: TUS_STORE, useFactory: createTusStore, inject: [AppConfig] },
    UploadsService,
    TusEndpoint,
    UploadSweeper,
    FinishedUploadsService,
    { provide: FINISHED_UPLOADS, useExisting: FinishedUploadsService },
  ],
  exports: [FINISHED_UPLOADS, UploadsService],
})
export class UploadsModule {}
