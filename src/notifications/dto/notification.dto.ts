import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { MAX_PAGE_SIZE, Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { OptionalNotNull } from '../../common/validation/validators';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';

export class ListNotificationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: unread notifications only' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread must be true or false' })
  unread?: 'true' | 'false';
}

export class NotificationSubjectDto {
  @ApiProperty({ enum: NotificationSubjectType, enumName: 'NotificationSubjectType' })
  type!: NotificationSubjectType;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null when the notification is redacted (its reader may no longer see what it is about)',
  })
  id!: string | null;
}

export class NotificationActorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

/** One notification as its recipient reads it (and as `notification:new` pushes it). */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' }) kind!: NotificationKind;
  @ApiProperty({ type: String, nullable: true, description: 'null for platform matters and when redacted' })
  groupSlug!: string | null;
  @ApiProperty({ type: NotificationSubjectDto }) subject!: NotificationSubjectDto;
  @ApiProperty({
    type: NotificationActorDto,
    nullable: true,
    description: 'who caused it; null for the system and when redacted',
  })
  actor!: NotificationActorDto | null;
  @ApiProperty({ description: "rendered in the reader's locale and time zone (English fallback)" })
  title!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt!: Date | null;
}

export class NotificationPageDto implements Page<NotificationDto> {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class UnreadNotificationsDto {
  @ApiProperty({ minimum: 0, description: 'unread notifications, redacted ones included' }) unread!: number;
}

/** Exactly one of `ids` and `upTo`. */
export class MarkNotificationsReadDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_PAGE_SIZE,
    description: 'these notifications (all must be yours, else 404 and nothing changes)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'a notification of yours: it and every older one (the list order) are marked read',
  })
  @OptionalNotNull()
  @IsUUID()
  upTo?: string;
}
