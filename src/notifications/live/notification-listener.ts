import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { describeError } from '../../common/errors/loggable-error';
import { AppConfig } from '../../config/app-config';
import { RealtimeBus } from '../../discussion/realtime-bus';
import { InAppNotificationsService } from '../inapp-notifications.service';
import { NOTIFICATION_CHANNEL } from '../notification-outbox';

/** The listener's `application_name` (tests find its backend by it). */
export const LISTENER_APPLICATION_NAME = 'convene-notification-listener';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * Live push. Each instance holds one dedicated connection (not from the ORM's pool) that LISTENs on
 * `convene_notification`; PostgreSQL announces a notification to every listener only once its transaction
 * committed, so a rolled-back change pushes nothing. For each announcement whose recipient has sockets on THIS
 * instance, the notification is rendered for them (their language, the redaction rule) and emitted as
 * `notification:new` to those local sockets only: every instance hears every announcement, so a cluster-wide emit
 * would deliver it once per instance. A dropped connection is reopened with backoff; announcements made while it
 * was down are not replayed (clients catch up with `GET /me/notifications`, the source of truth). Closed on
 * shutdown.
 */
@Injectable()
export class NotificationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationListener.name);
  private client: Client | null = null;
  private closing = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  /** Connections opened so far (tests check a dropped one is replaced). */
  connections = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly bus: RealtimeBus,
    private readonly notifications: InAppNotificationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** True once LISTEN is in place on a live connection. */
  get listening(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    if (this.closing) return;
    const client = new Client({
      connectionString: this.config.requireDatabaseUrl(),
      application_name: LISTENER_APPLICATION_NAME,
    });
    let dropped = false;
    const drop = (why: string): void => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (!this.closing) {
        this.logger.warn(`notification listener connection lost (${why}); reconnecting`);
        this.scheduleReconnect();
      }
    };
    client.on('error', (error) => drop(describeError(error)));
    client.on('end', () => drop('ended'));
    client.on('notification', (message) => this.announce(message.payload ?? ''));
    try {
      await client.connect();
      await client.query(`listen ${NOTIFICATION_CHANNEL}`);
    } catch (error) {
      drop(describeError(error));
      return;
    }
    if (this.closing) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.connections += 1;
    this.attempt = 0;
  }

  private scheduleReconnect(): void {
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
    this.retry.unref();
  }

  /** `<recipientId>:<notificationId>`: render and push to the recipient's sockets on this instance. */
  private announce(payload: string): void {
    const [recipientId, notificationId] = payload.split(':');
    if (!recipientId || !notificationId || !this.bus.hasLocalSockets(recipientId)) return;
    this.notifications
      .renderFor(recipientId, notificationId)
      .then((dto) => {
        if (dto) this.bus.toUserLocally(recipientId, 'notification:new', dto);
      })
      .catch((error: unknown) =>
        this.logger.error(`could not push notification ${notificationId}: ${describeError(error)}`),
      );
  }
}
