import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../common/pagination/pagination';
import { MAX_SEQ } from './socket-payloads.dto';

export class MessageAuthorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class ReactionCountDto {
  @ApiProperty() emoji!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [String], format: 'uuid' }) userIds!: string[];
}

/** The one message shape, on sockets and over REST. */
export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ description: 'per-channel sequence number, from 1, no gaps' }) seq!: number;
  @ApiProperty({ type: MessageAuthorDto }) author!: MessageAuthorDto;
  @ApiProperty({ type: String, nullable: true, description: 'null once deleted' }) body!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) mentions!: string[];
  @ApiProperty({ type: [ReactionCountDto] }) reactions!: ReactionCountDto[];
  @ApiProperty() clientMessageId!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) editedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deletedAt!: Date | null;
}

export class MessageHistoryQueryDto {
  @ApiPropertyOptional({
    description: 'messages with a smaller seq (the page before), newest first fetched',
    maximum: MAX_SEQ,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEQ)
  beforeSeq?: number;

  @ApiPropertyOptional({ description: 'messages with a larger seq (catching up)', maximum: MAX_SEQ })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SEQ)
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class MessageHistoryDto {
  @ApiProperty({ type: [MessageDto], description: 'ascending by seq' }) items!: MessageDto[];
  @ApiProperty({ description: 'more messages exist past this page in the requested direction' })
  hasMore!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'always null: page with beforeSeq/afterSeq' })
  nextCursor!: string | null;
}

export class UnreadChannelDto {
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ example: 'general' }) channelName!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty() groupName!: string;
  @ApiProperty({ description: 'messages by others after the read marker, not deleted' }) unread!: number;
  @ApiProperty({ description: 'of those, the ones mentioning the caller' }) mentions!: number;
}

export class UnreadListDto {
  @ApiProperty({ type: [UnreadChannelDto] }) items!: UnreadChannelDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ description: 'sum of `unread` over all items' }) totalUnread!: number;
  @ApiProperty({ description: 'sum of `mentions` over all items' }) totalMentions!: number;
}
