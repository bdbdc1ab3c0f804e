import { Injectable } from '@nestjs/common';

/** The time the delivery jobs run at: digests and scheduled tasks ask it, so tests can move it (no sleeping). */
@Injectable()
export class NotificationClock {
  now(): Date {
    return new Date();
  }
}
