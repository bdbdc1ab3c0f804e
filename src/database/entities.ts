import { Channel } from '../discussion/entities/channel.entity';
import { Message } from '../discussion/entities/message.entity';
import { MessageMention } from '../discussion/entities/message-mention.entity';
import { MessageReaction } from '../discussion/entities/message-reaction.entity';
import { ReadMarker } from '../discussion/entities/read-marker.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { Membership } from '../groups/membership/entities/membership.entity';
import { User } from '../users/entities/user.entity';
import { WorkingGroup } from '../groups/working-groups/entities/working-group.entity';
import { MEETING_ENTITIES } from '../meetings/entities';
import { Upload } from '../uploads/entities/upload.entity';
import { DOCUMENT_ENTITIES } from '../documents/entities';
import { NOTIFICATION_ENTITIES } from '../notifications/entities';
import { PROPOSAL_ENTITIES } from '../steering/proposals/entities';
import { Review } from '../steering/reviews/entities/review.entity';
import { CONSENSUS_ENTITIES } from '../consensus/entities';
import { COOPERATION_ENTITIES } from '../cooperation/entities';

/** Every entity, listed explicitly: discovery by glob breaks between ts (tests) and js (dist). */
export const ENTITIES = [
  Organization,
  User,
  AuthSession,
  RefreshToken,
  AuditEvent,
  WorkingGroup,
  Membership,
  ...MEETING_ENTITIES,
  Channel,
  Message,
  MessageReaction,
  MessageMention,
  ReadMarker,
  Upload,
  ...DOCUMENT_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...PROPOSAL_ENTITIES,
  Review,
  ...CONSENSUS_ENTITIES,
  ...COOPERATION_ENTITIES,
];
