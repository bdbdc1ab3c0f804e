import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    operationId: 'listChannelMessages',
    summary: "Read a channel's message history",
    description: "Members of the channel's group only; a public group's discussion is not public.",
  })
  history(
    @Param('id', uuidOr404('Channel')) id: string,
    @Query() query: MessageHistoryQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<MessageHistoryDto> {
    return this.messages.history(id, query, meta.user);
  }

  @Get('me/unread')
  @ApiOkResponse({ type: UnreadListDto })
  @ApiOperation({ operationId: 'listMyUnread', summary: 'Count my unread messages per channel' })
  unread(@AuthMeta() meta: AuthenticatedMeta): Promise<UnreadListDto> {
    return this.readState.unread(meta.user);
  }
}
