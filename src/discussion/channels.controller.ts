import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { ChannelsService } from './channels.service';
import { ChannelDto, ChannelListDto, CreateChannelDto, ListChannelsQueryDto } from './dto/channel.dto';

@ApiTags('discussion')
@ApiBearerAuth()
@Controller('working-groups/:slug/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @ApiOkResponse({ type: ChannelListDto, description: 'the channels of the group, for its active members' })
  list(
    @Param('slug') slug: string,
    @Query() query: ListChannelsQueryDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ChannelListDto> {
    return this.channels.list(slug, query, meta);
  }

  @Post()
  @ApiCreatedResponse({ type: ChannelDto, description: 'a topic channel (anchors only)' })
  create(
    @Param('slug') slug: string,
    @Body() dto: CreateChannelDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<ChannelDto> {
    return this.channels.createTopic(slug, dto, meta);
  }
}
