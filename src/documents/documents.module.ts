import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Membership } from '../groups/membership/entities/membership.entity';
import { WorkingGroup } from '../groups/working-groups/entities/working-group.entity';
import { Meeting } from '../meetings/entities/meeting.entity';
import { StorageModule } from '../storage/storage.module';
import { UploadsModule } from '../uploads/uploads.module';
import { User } from '../users/entities/user.entity';
import { DocumentContentService } from './document-content.service';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentsController } from './documents.controller';
import { DocumentsHooks } from './documents-hooks';
import { DocumentsService } from './documents.service';
import { DOCUMENT_ENTITIES } from './entities';

@Module({
  imports: [
    MikroOrmModule.forFeature([...DOCUMENT_ENTITIES, WorkingGroup, Membership, Meeting, User]),
    StorageModule,
    // FINISHED_UPLOADS: versions from finished tus uploads (`uploadId`).
    UploadsModule,
  ],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentVersionsService, DocumentContentService, DocumentsHooks],
})
export class DocumentsModule {}
