import { ApiProperty } from '@nestjs/swagger';
import { Page } from '../../../common/pagination/pagination';

export class ActivityEventDto {
  @ApiProperty({ description: 'audit event id (a decimal string)' }) id!: string;
  @ApiProperty({ example: 'membership.approved' }) action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ example: 'Membership' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'state after the change; emails are removed unless the caller is an anchor or an admin',
  })
  after!: Record<string, unknown> | null;
}

export class ActivityPageDto implements Page<ActivityEventDto> {
  @ApiProperty({ type: [ActivityEventDto] }) items!: ActivityEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
