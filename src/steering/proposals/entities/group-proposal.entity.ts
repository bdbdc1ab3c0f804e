import { ArrayType, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../../common/base.entity';
import { WorkingGroup } from '../../../groups/working-groups/entities/working-group.entity';
import { User } from '../../../users/entities/user.entity';
import { ProposalDecision, ProposalStatus } from '../proposals.enums';

/**
 * A proposed new working group (docs/steering.md, "Group proposals"). Holds the current fields; every submitted
 * version is also kept as a ProposalRevision. Decided and revised under this row's lock (docs/architecture.md,
 * "Lock order").
 */
@Entity({ tableName: 'group_proposal' })
@Index({ properties: ['proposer', 'createdAt'] })
@Index({ properties: ['status', 'createdAt'] })
export class GroupProposal extends BaseEntity<
  | 'status'
  | 'proposedAnchorUserIds'
  | 'revisionNumber'
  | 'lastDecision'
  | 'lastRationale'
  | 'decidedBy'
  | 'decidedAt'
  | 'group'
  | 'invitedAnchorIds'
  | 'pendingAnchorOrganizationIds'
> {
  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  proposer!: Ref<User>;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** snake_case key, as for working groups. */
  @Property({ type: 'string', length: 60 })
  theme!: string;

  /** Becomes the group's description on approval. */
  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'text' })
  rationale!: string;

  /** Organisations proposed as anchors (at least one government and one civil-society organisation). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  proposedAnchorOrganizationIds!: string[];

  /** People of those organisations the proposer names as anchors (invited on approval). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  proposedAnchorUserIds: string[] = [];

  @Enum({ items: () => ProposalStatus, nativeEnumName: 'proposal_status' })
  status: ProposalStatus = ProposalStatus.Submitted;

  /** The number of the newest ProposalRevision (1 for the original submission). */
  @Property({ type: 'integer' })
  revisionNumber: number = 1;

  @Enum({ items: () => ProposalDecision, nativeEnumName: 'proposal_decision', nullable: true })
  lastDecision: ProposalDecision | null = null;

  @Property({ type: 'text', nullable: true })
  lastRationale: string | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  decidedBy: Ref<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  /** The group an approval created. */
  @ManyToOne(() => WorkingGroup, { ref: true, nullable: true, deleteRule: 'set null' })
  group: Ref<WorkingGroup> | null = null;

  /** Who the approval invited as anchors (the named users still eligible then). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  invitedAnchorIds: string[] = [];

  /** The proposed organisations none of whose people the approval invited: anchors still to be found. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  pendingAnchorOrganizationIds: string[] = [];
}
