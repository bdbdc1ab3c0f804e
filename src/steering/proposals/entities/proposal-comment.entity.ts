import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../../common/base.entity';
import { User } from '../../../users/entities/user.entity';
import { ProposalDecision } from '../proposals.enums';
import { GroupProposal } from './group-proposal.entity';

/**
 * The dialogue between the Steering Committee and the proposer. A decision is kept here too (with `decision`
 * set and its rationale as the body), so the thread shows every "changes requested" with what was asked.
 */
@Entity({ tableName: 'proposal_comment' })
@Index({ properties: ['proposal', 'createdAt'] })
export class ProposalComment extends BaseEntity<'decision'> {
  @ManyToOne(() => GroupProposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<GroupProposal>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  author!: Ref<User>;

  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => ProposalDecision, nativeEnumName: 'proposal_decision', nullable: true })
  decision: ProposalDecision | null = null;
}
