import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { ChannelsService } from './channels.service';
import { ChannelDto, ChannelListDto, CreateChannelDto, ListChannelsQueryDto } from './dto/channel.dto';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('discussion')
@ApiBearerAuth()
@Controller('working-groups/:slug/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @ApiOkResponse({ type: ChannelListDto, description: 'the channels of the group, for its active members' })
  @ApiOperation({
    operationId: 'listChannels',
    summary: "List a group's channels",
    description:
      'Active members of the group; anyone else who may see the group gets an empty list. Cursor-paged: the general channel, then topics, then meeting channels.',
  })
  list(
    @Param('slug') slug: string,
    @Query() query: ListChannelsQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ChannelListDto> {
    return this.channels.list(slug, query, meta);
  }

  @Post()
  @ApiCreatedResponse({ type: ChannelDto, description: 'a topic channel (anchors only)' })
  @ApiOperation({
    operationId: 'createChannel',
    summary: 'Create a topic channel',
    description: 'Anchors of the group only.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'channel.duplicate_name': 409 })
  create(
    @Param('slug') slug: string,
    @Body() dto: CreateChannelDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ChannelDto> {
    return this.channels.createTopic(slug, dto, meta);
  }
}
