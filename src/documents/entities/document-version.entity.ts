import { BigIntType, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';
import { Document } from './document.entity';

/** One immutable version of a document: what was stored, under which key, by whom. Never updated. */
@Entity({ tableName: 'document_version' })
@Unique({ properties: ['document', 'number'] })
export class DocumentVersion extends BaseEntity<'note'> {
  @ManyToOne(() => Document, { ref: true, deleteRule: 'cascade' })
  document!: Ref<Document>;

  /** 1, 2, 3, … per document with no gap (allocated under the document row lock). */
  @Property({ type: 'integer' })
  number!: number;

  /** Sanitised (upload/filename.ts): a basename, no control or bidi characters, extension of the sniffed type. */
  @Property({ type: 'string', length: 255 })
  filename!: string;

  /** Sniffed from the bytes (upload/sniff.ts), never taken from the client. */
  @Property({ type: 'string', length: 255 })
  mimeType!: string;

  /** Bytes; bigint so sizes past 2 GiB fit (read back as a JS number, exact below 2^53). */
  @Property({ type: new BigIntType('number') })
  size!: number;

  /** Hex sha256 of the bytes, computed while they were streamed; also the download's ETag. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  uploadedBy!: Ref<User>;

  @Property({ type: 'string', length: 2000, nullable: true })
  note: string | null = null;

  /** Opaque key in blob storage (`documents/<yyyy>/<mm>/<uuid>`), never derived from user input. */
  @Property({ type: 'string', length: 500, unique: true })
  storageKey!: string;
}
