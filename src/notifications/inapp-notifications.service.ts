import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../common/pagination/pagination';
import { RealtimeBus } from '../discussion/realtime-bus';
import {
  ListNotificationsQueryDto,
  MarkNotificationsReadDto,
  NotificationDto,
  UnreadNotificationsDto,
} from './dto/notification.dto';
import { Translator } from './i18n/translator';
import {
  countUnread,
  lockOwned,
  markIdsRead,
  markReadUpTo,
  selectNotification,
  selectNotificationPage,
} from './inapp.queries';
import { loadReader, RenderingReader, toNotificationDto } from './notification-view';

export const NOT_FOUND_NOTIFICATION = 'Notification';

/** `/me/notifications`: the caller's own notifications, their unread count, marking them read. */
@Injectable()
export class InAppNotificationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly translator: Translator,
    private readonly bus: RealtimeBus,
  ) {}

  async list(query: ListNotificationsQueryDto, meta: AuthenticatedMeta): Promise<Page<NotificationDto>> {
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const reader = await this.reader(meta.user.id);
    const rows = await selectNotificationPage(this.em, reader, {
      unread: query.unread === 'true',
      after: after ? { createdAt: String(after.key), id: after.id } : undefined,
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (r) => ({ key: new Date(r.created_at).toISOString(), id: r.id }),
      (r) => toNotificationDto(this.translator, reader, r),
    );
  }

  async count(meta: AuthenticatedMeta): Promise<UnreadNotificationsDto> {
    return { unread: await countUnread(this.em, meta.user.id) };
  }

  /**
   * Exactly one of `ids` (every one must be the caller's: otherwise 404 and nothing changes) and `upTo` (a
   * notification of the caller: it and every older one). Read marks are the reader's own state, like channel read
   * markers: no audit event. The caller's other tabs hear `notification:read` once it committed.
   */
  async markRead(dto: MarkNotificationsReadDto, meta: AuthenticatedMeta): Promise<UnreadNotificationsDto> {
    if ((dto.ids === undefined) === (dto.upTo === undefined)) {
      throw ValidationError.single('', 'give exactly one of ids and upTo');
    }
    const userId = meta.user.id;
    await this.em.transactional(async (em) => {
      if (dto.ids !== undefined) {
        if ((await lockOwned(em, userId, dto.ids)) !== dto.ids.length)
          throw new NotFoundError(NOT_FOUND_NOTIFICATION);
        await markIdsRead(em, userId, dto.ids);
      } else if (!(await markReadUpTo(em, userId, dto.upTo!))) {
        throw new NotFoundError(NOT_FOUND_NOTIFICATION);
      }
    });
    this.bus.toUser(
      userId,
      'notification:read',
      dto.ids !== undefined ? { ids: dto.ids } : { upTo: dto.upTo },
    );
    return this.count(meta);
  }

  /** One notification rendered for its recipient (the live push), or null if it or the recipient is gone. */
  async renderFor(recipientId: string, notificationId: string): Promise<NotificationDto | null> {
    const em = this.em.fork();
    const reader = await loadReader(em, recipientId);
    if (!reader) return null;
    const row = await selectNotification(em, reader, notificationId);
    return row ? toNotificationDto(this.translator, reader, row) : null;
  }

  private async reader(userId: string): Promise<RenderingReader> {
    const reader = await loadReader(this.em, userId);
    if (!reader) throw new NotFoundError('User');
    return reader;
  }
}
