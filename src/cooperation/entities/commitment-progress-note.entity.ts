import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';
import { Commitment } from './commitment.entity';

/** A dated note on a commitment's progress. Append-only through the API. */
@Entity({ tableName: 'commitment_progress_note' })
@Index({ properties: ['commitment', 'date'] })
export class CommitmentProgressNote extends BaseEntity {
  @ManyToOne(() => Commitment, { ref: true, deleteRule: 'cascade' })
  commitment!: Ref<Commitment>;

  /** The calendar date the note is about (YYYY-MM-DD). */
  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'text' })
  note!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  author!: Ref<User>;
}
