import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Membership } from '../groups/membership/entities/membership.entity';
import { WorkingGroup } from '../groups/working-groups/entities/working-group.entity';
import { User } from '../users/entities/user.entity';
import { Channel } from './entities/channel.entity';
import { MessageReaction } from './entities/message-reaction.entity';
import { Message } from './entities/message.entity';
import { ReadMarker } from './entities/read-marker.entity';
import { AuthModule } from '../auth/auth.module';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { DiscussionGateway } from './discussion.gateway';
import { MessageChangesService } from './message-changes.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { PresenceService } from './presence.service';
import { ReadStateService } from './read-state.service';
import { RealtimeBus } from './realtime-bus';
import { SocketLimits } from './socket-limits';

@Module({
  imports: [
    MikroOrmModule.forFeature([
      Channel,
      Message,
      MessageReaction,
      ReadMarker,
      WorkingGroup,
      Membership,
      User,
    ]),
    // The socket handshake verifies access tokens and sessions with auth's exported services.
    AuthModule,
    RateLimitModule,
  ],
  controllers: [ChannelsController, MessagesController],
  providers: [
    ChannelsService,
    MessagesService,
    MessageChangesService,
    ReadStateService,
    PresenceService,
    RealtimeBus,
    SocketLimits,
    DiscussionGateway,
  ],
  // The notifications context pushes `notification:*` to users' sockets through the bus.
  exports: [RealtimeBus],
})
export class DiscussionModule {}
