import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed explicitly: discovery by glob breaks between ts (tests) and js (dist). */
export const ENTITIES = [Organization, User, AuthSession, RefreshToken, AuditEvent];
