import { ArrayType, Entity, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../common/base.entity';
import { GroupProposal } from './group-proposal.entity';

/** One submitted version of a proposal: number 1 is the original, each revision adds the next. Immutable. */
@Entity({ tableName: 'proposal_revision' })
@Unique({ properties: ['proposal', 'number'] })
export class ProposalRevision extends BaseEntity {
  @ManyToOne(() => GroupProposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<GroupProposal>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 60 })
  theme!: string;

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'text' })
  rationale!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  proposedAnchorOrganizationIds!: string[];

  @Property({ type: ArrayType, columnType: 'text[]' })
  proposedAnchorUserIds!: string[];
}
