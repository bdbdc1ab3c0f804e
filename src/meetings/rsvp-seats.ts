import { EntityManager } from '@mikro-orm/postgresql';
import { Meeting } from './entities/meeting.entity';
import { Rsvp } from './entities/rsvp.entity';
import { RsvpStatus } from './meetings.enums';

/** Confirmed seats: `going` and not waitlisted. Call with the meeting row locked. */
export const countConfirmed = (em: EntityManager, meetingId: string): Promise<number> =>
  em.count(Rsvp, { meeting: meetingId, status: RsvpStatus.Going, waitlistTicket: null });

/**
 * Seats waitlisted people, first come first served, while there is room. The caller holds the meeting row lock
 * (so two writers never hand out the same seat). Returns the user ids promoted.
 */
export async function fillFreedSeats(em: EntityManager, meeting: Meeting): Promise<string[]> {
  const free =
    meeting.capacity === null
      ? Number.MAX_SAFE_INTEGER
      : meeting.capacity - (await countConfirmed(em, meeting.id));
  if (free <= 0) return [];
  const waiting = await em.find(
    Rsvp,
    { meeting: meeting.id, waitlistTicket: { $ne: null } },
    { orderBy: { waitlistTicket: 'asc' }, limit: Math.min(free, 10_000) },
  );
  for (const rsvp of waiting) rsvp.waitlistTicket = null;
  return waiting.map((r) => r.user.id);
}

/** 1-based rank of a ticket among those still waiting: positions stay 1..n without gaps as people leave. */
export const waitlistPosition = async (
  em: EntityManager,
  meetingId: string,
  ticket: number,
): Promise<number> => em.count(Rsvp, { meeting: meetingId, waitlistTicket: { $ne: null, $lte: ticket } });
