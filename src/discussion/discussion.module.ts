import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { DiscussionGateway } from './discussion.gateway';
import { MessageChangesService } from './message-changes.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { PresenceService } from './presence.service';
import { ReadStateService } from './read-state.service';
import { RealtimeBus } from './realtime-bus';

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
  ],
})
export class DiscussionModule {}
