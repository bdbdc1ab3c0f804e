import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, ValidateNested } from 'class-validator';
import { NotificationFrequency, NotificationKind } from '../notifications.enums';

const KIND_COUNT = Object.values(NotificationKind).length;

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' }) kind!: NotificationKind;
  @ApiProperty({ enum: NotificationFrequency, enumName: 'NotificationFrequency' })
  frequency!: NotificationFrequency;
  @ApiProperty({
    enum: NotificationFrequency,
    enumName: 'NotificationFrequency',
    description: 'what applies without a choice',
  })
  defaultFrequency!: NotificationFrequency;
  @ApiProperty({ description: 'true when no choice was made for this kind (the default applies)' })
  isDefault!: boolean;
}

/** Every kind, with the email frequency that applies to it now. */
export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto] }) preferences!: NotificationPreferenceDto[];
}

export class SetNotificationPreferenceDto {
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' })
  @IsEnum(NotificationKind)
  kind!: NotificationKind;

  @ApiProperty({ enum: NotificationFrequency, enumName: 'NotificationFrequency' })
  @IsEnum(NotificationFrequency)
  frequency!: NotificationFrequency;
}

/** The kinds to change; kinds not listed keep their setting. Each kind at most once. */
export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: [SetNotificationPreferenceDto], maxItems: KIND_COUNT })
  @IsArray()
  @ArrayMaxSize(KIND_COUNT)
  @ValidateNested({ each: true })
  @Type(() => SetNotificationPreferenceDto)
  preferences!: SetNotificationPreferenceDto[];
}

/** What an unsubscribe link does (GET: would do; POST: did). */
export class UnsubscribeDto {
  @ApiProperty({ description: 'one kind, or `all` (every email)', example: 'mention' }) scope!: string;
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind', isArray: true })
  kinds!: NotificationKind[];
  @ApiProperty({ enum: [NotificationFrequency.Off] }) frequency!: NotificationFrequency.Off;
  @ApiProperty({ description: 'false for GET (nothing changed), true once POSTed' }) applied!: boolean;
  @ApiProperty({ example: '2027-03-01T08:00:00.000Z' }) expiresAt!: string;
}
