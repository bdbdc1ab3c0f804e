import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../../users/entities/user.entity';
import { AssistanceStatus } from '../cooperation.enums';
import { AssistanceRequest } from './assistance-request.entity';

/**
 * One step of an assistance request, who took it and when; the first has `fromStatus` null (the request was
 * opened). Never updated. Returned as the request's `history`.
 */
@Entity({ tableName: 'assistance_request_step' })
@Index({ properties: ['request', 'createdAt'] })
export class AssistanceRequestStep {
  [OptionalProps]?: 'createdAt' | 'fromStatus' | 'note';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AssistanceRequest, { ref: true, deleteRule: 'cascade' })
  request!: Ref<AssistanceRequest>;

  @Enum({ items: () => AssistanceStatus, nativeEnumName: 'assistance_status', nullable: true })
  fromStatus: AssistanceStatus | null = null;

  @Enum({ items: () => AssistanceStatus, nativeEnumName: 'assistance_status' })
  toStatus!: AssistanceStatus;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  actor!: Ref<User>;

  @Property({ type: 'string', length: 2000, nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
