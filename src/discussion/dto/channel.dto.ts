import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { Channel } from '../entities/channel.entity';
import { ChannelKind } from '../discussion.enums';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateChannelDto {
  @ApiProperty({ minLength: 1, maxLength: 120, example: 'budget-data-standards' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name!: string;
}

export class ChannelDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty({ enum: ChannelKind, enumName: 'ChannelKind' }) kind!: ChannelKind;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'present on a meeting channel only' })
  meetingId?: string;
  @ApiProperty({
    description:
      'a meeting channel whose meeting is not scheduled or live (draft, concluded, cancelled): readable, no new posts',
  })
  readOnly!: boolean;

  /** The channel's group must be loaded (or passed as groupSlug). */
  static from(channel: Channel, groupSlug: string): ChannelDto {
    return {
      id: channel.id,
      groupSlug,
      kind: channel.kind,
      name: channel.name,
      ...(channel.meetingId ? { meetingId: channel.meetingId } : {}),
      readOnly: channel.readOnly,
    };
  }
}

/** `cursor` and `limit` (default 50, at most 200), as on every cursor-paged list. */
export class ListChannelsQueryDto extends PaginationQueryDto {}

export class ChannelListDto implements Page<ChannelDto> {
  @ApiProperty({
    type: [ChannelDto],
    description: 'the general channel, then topic channels, then meeting channels; oldest first within each',
  })
  items!: ChannelDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
