import { ArrayType, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { Meeting } from '../../meetings/entities/meeting.entity';
import { User } from '../../users/entities/user.entity';
import { DocumentKind, DocumentVisibility } from '../documents.enums';

/**
 * A document of a working group: its metadata; the bytes are in immutable versions (DocumentVersion). Soft
 * deletion keeps the row (and its versions and blobs) for the audit trail; every read path leaves it out.
 */
@Entity({ tableName: 'document' })
@Index({ properties: ['group', 'updatedAt'] })
export class Document extends BaseEntity<
  'description' | 'tags' | 'meeting' | 'deletedAt' | 'latestVersionNumber'
> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Enum({ items: () => DocumentKind, nativeEnumName: 'document_kind' })
  kind!: DocumentKind;

  @Enum({ items: () => DocumentVisibility, nativeEnumName: 'document_visibility' })
  visibility!: DocumentVisibility;

  /** Lower-case, trimmed, unique per document (see dto/document.dto.ts). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  tags: string[] = [];

  /** A meeting of the same group this document belongs to (agenda papers, minutes). */
  @Index()
  @ManyToOne(() => Meeting, { ref: true, nullable: true, deleteRule: 'set null' })
  meeting: Ref<Meeting> | null = null;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<User>;

  /** The number of the newest version; allocated +1 under this row's lock (docs/architecture.md, "Lock order"). */
  @Property({ type: 'integer' })
  latestVersionNumber: number = 0;
}
