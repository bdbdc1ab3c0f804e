import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MEETING_CHANNEL_LOOKUP } from '../common/events/meeting-channel';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { DiscussionGateway } from './discussion.gateway';
import { MessageChangesService } from './message-changes.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { PresenceService } from './presence.service';
import { ReadStateService } from './read-state.service';
import { RealtimeBus } from './realtime-bus';

/** Global only so that MEETING_CHANNEL_LOOKUP is visible to the meetings context without importing this module. */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [ChannelsController, MessagesController],
  providers: [
    ChannelsService,
    MessagesService,
    MessageChangesService,
    ReadStateService,
    PresenceService,
    RealtimeBus,
    DiscussionGateway,
    { provide: MEETING_CHANNEL_LOOKUP, useExisting: ChannelsService },
  ],
  exports: [MEETING_CHANNEL_LOOKUP],
})
export class DiscussionModule {}
