import {
  BigIntType,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { User } from '../../users/entities/user.entity';

/**
 * One resumable (tus 1.0) upload under `/uploads`: who may touch it and until when. The bytes live in the tus store
 * (disk under DATA_DIR/uploads, or S3); this row is the authority on ownership and expiry, so that a request for
 * another user's upload is refused before the store is asked anything. The row disappears when the upload is
 * consumed (a document version), terminated by its owner, or swept after `expiresAt`.
 */
@Entity()
// The per-user count of open uploads (UploadsService.reserve).
@Index({ properties: ['owner', 'expiresAt'] })
export class Upload {
  [OptionalProps]?: 'createdAt' | 'completedAt' | 'declaredFilename';

  /** The tus id (a UUID we generate, never the client's), also the store's key. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  owner!: Ref<User>;

  /** `Upload-Length`, required at creation (no deferred length) and within MAX_UPLOAD_MB. */
  @Property({ type: new BigIntType('number') })
  length!: number;

  /** The `filename` of `Upload-Metadata`, as declared: the consumer sanitises it. */
  @Property({ type: 'text', nullable: true })
  declaredFilename: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Unfinished: creation + UPLOAD_EXPIRY_HOURS (tus `Upload-Expires`). Finished: completion + the same period. */
  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;
}
