import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Meeting } from '../../meetings/entities/meeting.entity';
import { meetingInvitationIcs } from '../../meetings/calendar/meeting-invitation';
import { MeetingStatus } from '../../meetings/meetings.enums';
import { NotificationKind } from '../notifications.enums';
import { digestSlot } from './digest-slot';
import {
  claimDigest,
  claimImmediate,
  digestCandidates,
  digestItems,
  isActiveMember,
  MailRow,
  makeDigest,
  markDigestSent,
  markEmailed,
} from './email.queries';
import { EmailRenderer } from './email-renderer';
import { Mailer, OutgoingEmail } from './mailer';
import { UnsubscribeTokens } from './unsubscribe-token';

/** The kinds whose email carries the meeting as a calendar invitation. */
const MEETING_KINDS = new Set<NotificationKind>([
  NotificationKind.MeetingScheduled,
  NotificationKind.MeetingMoved,
  NotificationKind.MeetingCancelled,
  NotificationKind.MeetingReminder,
  NotificationKind.WaitlistPromoted,
]);

export type DeliveryOutcome = 'sent' | 'dropped' | 'nothing_to_do';

/**
 * Sends notification emails exactly once each, as far as SMTP allows: a delivery claims its row under a lock (SKIP
 * LOCKED), sends, and marks it sent in the same transaction, only after the server accepted the message. A refusal
 * or timeout throws: the transaction rolls back (nothing marked) and the job is retried with backoff. The one gap
 * SMTP leaves (accepted, then the process dies before the commit) can repeat an email, never lose one; its
 * Message-ID is stable so a receiving server may drop the repeat.
 */
@Injectable()
export class EmailDelivery {
  private readonly log = new Logger(EmailDelivery.name);
  private readonly renderer = new EmailRenderer();
  readonly tokens: UnsubscribeTokens;

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {
    this.tokens = new UnsubscribeTokens(UnsubscribeTokens.secretFrom(config));
  }

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** The immediate email of one notification; a second call (a repeated job) finds it sent and does nothing. */
  deliverImmediate(notificationId: string): Promise<DeliveryOutcome> {
    return this.em.fork().transactional(async (em) => {
      const row = await claimImmediate(em, notificationId);
      if (!row) return 'nothing_to_do';
      const now = new Date();
      if (row.left_group) {
        // The reader left the group since: the email would tell what they may no longer see.
        await markEmailed(em, [row.id], now);
        return 'dropped';
      }
      const url = this.unsubscribeUrl(row.recipient_id, row.kind, now);
      const invitation = MEETING_KINDS.has(row.kind) ? await this.invitation(em, row) : undefined;
      const rendered = this.renderer.immediate(row, url, invitation !== undefined);
      await this.mailer.send(this.envelope(row, rendered, url, `${row.id}@convene`, invitation));
      await markEmailed(em, [row.id], now);
      return 'sent';
    });
  }

  /**
   * Makes every digest due at `now`: per person and cadence, the slot (08:00 in their zone, Monday for weekly) and
   * one digest carrying all their notifications of that cadence made before it and not yet in a digest. Returns
   * the new digests' ids (to send); a slot that already has its digest, or has nothing, makes none.
   */
  async makeDueDigests(now: Date): Promise<string[]> {
    const made: string[] = [];
    for (const c of await digestCandidates(this.em.fork(), now)) {
      const slotAt = digestSlot(now, c.time_zone, c.cadence);
      const id = await this.em.fork().transactional((em) =>
        makeDigest(em, {
          id: randomUUID(),
          userId: c.user_id,
          cadence: c.cadence,
          slotAt,
          timeZone: c.time_zone,
          now,
        }),
      );
      if (id) made.push(id);
    }
    return made;
  }

  /** Sends one pending digest and marks it and its notifications sent; a sent (or locked) one is left alone. */
  sendDigest(digestId: string): Promise<DeliveryOutcome> {
    return this.em.fork().transactional(async (em) => {
      const digest = await claimDigest(em, digestId);
      if (!digest) return 'nothing_to_do';
      const now = new Date();
      const rows = (await digestItems(em, digestId)).filter((r) => !r.left_group);
      if (rows.length > 0) {
        const url = this.unsubscribeUrl(digest.user_id, 'all', now);
        const rendered = this.renderer.digest(digest.cadence, rows, url);
        await this.mailer.send(this.envelope(rows[0], rendered, url, `digest-${digestId}@convene`));
      }
      await markDigestSent(em, digestId, now);
      return rows.length > 0 ? 'sent' : 'dropped';
    });
  }

  unsubscribeUrl(userId: string, kind: NotificationKind | 'all', now: Date): string {
    const base = this.config.publicBaseUrl.replace(/\/+$/, '');
    return `${base}/unsubscribe/${this.tokens.sign(userId, kind, now)}`;
  }

  private envelope(
    row: MailRow,
    rendered: { subject: string; text: string; html: string },
    unsubscribeUrl: string,
    messageId: string,
    invitation?: OutgoingEmail['invitation'],
  ): OutgoingEmail {
    return {
      to: { name: row.display_name, address: row.email },
      ...rendered,
      messageId,
      headers: {
        // RFC 8058 one-click unsubscribe: mail clients POST to the link.
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      invitation,
    };
  }

  /** The meeting as it is now (same UID and SEQUENCE as GET /meetings/:id/ics), as a REQUEST or a CANCEL. */
  private async invitation(em: EntityManager, row: MailRow): Promise<OutgoingEmail['invitation']> {
    const meeting = await em.findOne(Meeting, { id: row.subject_id });
    if (!meeting) {
      this.log.warn({ notificationId: row.id }, 'meeting of a notification is gone: no invitation attached');
      return undefined;
    }
    const active = await isActiveMember(em, meeting.group.id, row.recipient_id);
    const cancel =
      row.kind === NotificationKind.MeetingCancelled || meeting.status === MeetingStatus.Cancelled;
    const content = meetingInvitationIcs(meeting, {
      cancel,
      showOnlineUrl: active,
      organizer: {
        name: typeof row.params.groupName === 'string' ? row.params.groupName : 'Convene',
        email: this.mailer.fromAddress,
      },
      attendee: { name: row.display_name, email: row.email },
    });
    return { method: cancel ? 'CANCEL' : 'REQUEST', content };
  }
}
