import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { MessageHistoryDto, MessageHistoryQueryDto, UnreadListDto } from './dto/message.dto';
import { MessagesService } from './messages.service';
import { ReadStateService } from './read-state.service';

@ApiTags('discussion')
@ApiBearerAuth()
@Controller()
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly readState: ReadStateService,
  ) {}

  /** Members of the channel's group only; a public group's discussion is not public. */
  @Get('channels/:id/messages')
  @ApiOkResponse({ type: MessageHistoryDto })
  history(
    @Param('id', uuidOr404('Channel')) id: string,
    @Query() query: MessageHistoryQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MessageHistoryDto> {
    return this.messages.history(id, query, meta.user);
  }

  @Get('me/unread')
  @ApiOkResponse({ type: UnreadListDto })
  unread(@AuthMeta() meta: AuthenticatedMeta): Promise<UnreadListDto> {
    return this.readState.unread(meta.user);
  }
}
