import { Module } from '@nestjs/common';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';

/** Open data: read-only SQL over the published facts of public groups (docs/open-data.md). */
@Module({
  controllers: [OpenDataController],
  providers: [OpenDataService],
})
export class OpenDataModule {}
