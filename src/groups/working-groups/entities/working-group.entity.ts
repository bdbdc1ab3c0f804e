import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../../common/base.entity';
import { DocumentUploads, GroupStatus, GroupVisibility, JoinPolicy } from '../../groups.enums';

@Entity()
export class WorkingGroup extends BaseEntity<'status' | 'visibility' | 'joinPolicy' | 'documentUploads'> {
  /** Unique and stable: generated from the name, editable only while the group is proposed. */
  @Property({ type: 'string', length: 80, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** snake_case key such as `open_data` or `fiscal_openness`. */
  @Index()
  @Property({ type: 'string', length: 60 })
  theme!: string;

  @Property({ type: 'text' })
  description!: string;

  @Index()
  @Enum({ items: () => GroupStatus, nativeEnumName: 'group_status' })
  status: GroupStatus = GroupStatus.Proposed;

  @Enum({ items: () => GroupVisibility, nativeEnumName: 'group_visibility' })
  visibility: GroupVisibility = GroupVisibility.Public;

  @Enum({ items: () => JoinPolicy, nativeEnumName: 'join_policy' })
  joinPolicy: JoinPolicy = JoinPolicy.Approval;

  /** Who may upload documents: active members (and anchors), or anchors only. */
  @Enum({ items: () => DocumentUploads, nativeEnumName: 'document_uploads' })
  documentUploads: DocumentUploads = DocumentUploads.Members;
}
