import { EntityManager } from '@mikro-orm/postgresql';
import { isSteward } from '../common/auth/access';
import { User } from '../users/entities/user.entity';
import { NotificationDto } from './dto/notification.dto';
import { Translator } from './i18n/translator';
import { NotificationReader, NotificationRow } from './inapp.queries';
import { Reader, renderTitle } from './notification-titles';

/** Who reads, for the visibility rule and for rendering: their role, language and zone. */
export interface RenderingReader extends NotificationReader, Reader {}

/** The reader's standing and language, read fresh (a changed locale or a lost steward role counts at once). */
export async function loadReader(em: EntityManager, userId: string): Promise<RenderingReader | null> {
  const user = await em.findOne(User, { id: userId }, { fields: ['id', 'role', 'locale', 'timeZone'] });
  if (!user) return null;
  return {
    id: user.id,
    isSteward: isSteward({ id: user.id, role: user.role, sessionId: '' }),
    locale: user.locale,
    timeZone: user.timeZone,
  };
}

/**
 * The answer for one row. A notification its reader may no longer see (docs/notifications.md, "Redaction") keeps
 * its id, kind, subject type, times and read state, so paging, the unread count and marking read behave as for any
 * other, but says nothing else: the generic title, no group, no actor, no subject id.
 */
export function toNotificationDto(
  translator: Translator,
  reader: RenderingReader,
  row: NotificationRow,
): NotificationDto {
  const redacted = !row.visible;
  return {
    id: row.id,
    kind: row.kind,
    groupSlug: redacted ? null : row.group_slug,
    subject: { type: row.subject_type, id: redacted ? null : row.subject_id },
    actor: redacted || row.actor_id === null ? null : { id: row.actor_id, displayName: row.actor_name ?? '' },
    title: renderTitle(translator, reader, {
      kind: row.kind,
      params: row.params,
      actorName: row.actor_name,
      redacted,
    }),
    createdAt: new Date(row.created_at),
    readAt: row.read_at === null ? null : new Date(row.read_at),
  };
}
