import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '../../config/app-config';

export interface OutgoingEmail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** A stable Message-ID (one per notification or digest), so a receiving server can spot a repeat. */
  messageId: string;
  /** An iTIP invitation, sent as the text/calendar alternative calendar clients act on. */
  invitation?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * SMTP through nodemailer (`SMTP_URL`, sender `MAIL_FROM`); absent → `enabled` is false and nothing is mailed.
 * One connection per message (no pool to leak at shutdown) with bounded timeouts: a server that hangs fails the
 * job, which retries, instead of holding the notification's row lock forever.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo> | null;

  constructor(private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** The sender's bare address (`MAIL_FROM` may be `Name <address>`), the invitations' organiser. */
  get fromAddress(): string {
    const from = this.config.mailFrom ?? '';
    return /<([^>]+)>/.exec(from)?.[1] ?? from;
  }

  /** Resolves once the SMTP server accepted the message for the recipient; throws on refusal or timeout. */
  async send(email: OutgoingEmail): Promise<void> {
    if (!this.transport) throw new Error('email is not configured (SMTP_URL, MAIL_FROM)');
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.headers,
      messageId: email.messageId,
      icalEvent: email.invitation
        ? { method: email.invitation.method, content: email.invitation.content, filename: 'invite.ics' }
        : undefined,
    });
    if (info.rejected.length > 0)
      throw new Error(`the SMTP server refused ${info.rejected.length} recipient(s)`);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
